package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// exampleModules are the examples that are Go modules of their own,
// importing this one as a team's app would (through a replace directive).
var exampleModules = []struct {
	dir    string
	stacks string
}{
	{"examples/consumer", "eu-central-1,eu-west-1,global,iam,peering-eu-west-1-eu-central-1"},
	{"examples/a-la-carte", "ap-northeast-1,ap-southeast-2,peering-ap-northeast-1-ap-southeast-2"},
}

// TestExampleModules synthesizes each example module with `go run` from
// its own directory, as `cdktf synth` does, and validates every stack
// against the provider schema.
func TestExampleModules(t *testing.T) {
	for _, ex := range exampleModules {
		t.Run(filepath.Base(ex.dir), func(t *testing.T) {
			out := synthModule(t, ex.dir, "AWS_ENDPOINT_URL=http://127.0.0.1:4566")
			stacks := synthtest.Read(t, out)
			if got := strings.Join(stacks.Names(), ","); got != ex.stacks {
				t.Fatalf("stacks = %s, want %s", got, ex.stacks)
			}
			synthtest.Validate(t, stacks)
		})
	}
}

// synthModule runs the app in dir and returns its output directory.
func synthModule(t *testing.T, dir string, env ...string) string {
	t.Helper()
	out := t.TempDir()
	cmd := exec.Command("go", "run", ".")
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "CDKTF_OUTDIR="+out, "AWS_ACCOUNT_ID=123456789012",
		"JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20"), env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run in %s: %v\n%s", dir, err, b)
	}
	return out
}

// TestConsumerIsShort: a team's whole app, every part on, stays within 30
// lines of Go (blank lines, comments and imports not counted).
func TestConsumerIsShort(t *testing.T) {
	files, _ := filepath.Glob("examples/consumer/*.go")
	n := 0
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			n += goLines(t, f)
		}
	}
	if n == 0 || n > 30 {
		t.Errorf("examples/consumer has %d lines of Go, want 1-30", n)
	}
}

func goLines(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, inImport := 0, false
	for sc := bufio.NewScanner(f); sc.Scan(); {
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "", strings.HasPrefix(l, "//"):
		case l == "import (":
			inImport = true
		case inImport:
			inImport = l != ")"
		case strings.HasPrefix(l, "import "):
		default:
			n++
		}
	}
	return n
}

// TestReadmeShowsTheConsumer: the README's "use it in your own app" code
// is examples/consumer/main.go, which the tests compile, synthesize and
// deploy, so the README cannot rot.
func TestReadmeShowsTheConsumer(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("examples/consumer/main.go")
	if err != nil {
		t.Fatal(err)
	}
	body := string(src)[strings.Index(string(src), "func main() {"):]
	if !strings.Contains(string(readme), "```go\n"+body+"```\n") {
		t.Errorf("README.md must show examples/consumer/main.go from `func main() {` to the end, verbatim, in a go block")
	}
}
