package synthtest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// RepoRoot finds the module root (the directory holding go.mod).
func RepoRoot(t testing.TB) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the test's directory")
		}
		dir = parent
	}
}

// TerraformEnv returns the environment for offline terraform runs: the
// repository's CLI config (filesystem mirror only), a shared plugin cache,
// no checkpoint calls. Tests call it themselves, so `go test` works without
// the scripts' environment.
func TerraformEnv(t testing.TB) []string {
	t.Helper()
	env, err := terraformEnv(RepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	return env
}

func terraformEnv(root string) ([]string, error) {
	cache := filepath.Join(root, ".cache", "tf-plugins")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return nil, err
	}
	return append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+filepath.Join(root, "tools", "terraform.rc"),
		"TF_PLUGIN_CACHE_DIR="+cache,
		"TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE=1",
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
	), nil
}

type tfError struct {
	err    error
	stderr string
	stdout string
}

func (e *tfError) Error() string { return e.err.Error() + "\n" + e.stderr + e.stdout }

var initMu sync.Mutex // the plugin cache is not safe for concurrent installs

func runTerraform(dir string, env []string, args ...string) ([]byte, error) {
	if len(args) > 0 && args[0] == "init" {
		initMu.Lock()
		defer initMu.Unlock()
	}
	cmd := exec.Command(TerraformBinary(), args...)
	cmd.Dir = dir
	cmd.Env = env
	return RunTerraform(cmd)
}

// RunTerraform runs a prepared terraform command (TerraformBinary, perhaps
// behind a wrapper such as nice) and returns stdout; the error carries
// stderr and stdout.
func RunTerraform(cmd *exec.Cmd) ([]byte, error) {
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.Bytes(), &tfError{err: err, stderr: stderr.String(), stdout: stdout.String()}
	}
	return stdout.Bytes(), nil
}

// TerraformBinary is the terraform on PATH, else /usr/local/bin/terraform.
func TerraformBinary() string {
	if p, err := exec.LookPath("terraform"); err == nil {
		return p
	}
	return "/usr/local/bin/terraform"
}

// Console evaluates expr with `terraform console` in dir (a configuration
// that needs no provider, e.g. only locals) and returns the result as
// terraform prints it.
func Console(t testing.TB, dir, expr string) string {
	t.Helper()
	cmd := exec.Command(TerraformBinary(), "console")
	cmd.Dir = dir
	cmd.Env = TerraformEnv(t)
	cmd.Stdin = strings.NewReader(expr + "\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("terraform console in %s: %v\n%s", dir, err, out)
	}
	return strings.TrimSpace(string(out))
}

// ProviderVersion is the AWS provider constraint construct tests put on
// their stacks, as the stacks package does: the bindings pin 5.84.0, the
// offline mirror holds 5.100.
const ProviderVersion = ">= 5.100.0, < 6.0.0"
