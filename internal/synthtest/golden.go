package synthtest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Golden compares every stack with testdata/<dir>/<stack>.tf.json, after
// normalizing (sorted keys, two-space indent), so map ordering across the
// jsii boundary never churns the files. Absolute paths under the checkout
// (cdktf's default local backend writes one) become "<repo>", so the files
// do not depend on where the repository is cloned. Run with UPDATE_GOLDEN=1
// to rewrite them.
func Golden(t testing.TB, stacks Stacks, dir string) {
	t.Helper()
	root := RepoRoot(t)
	for _, name := range stacks.Names() {
		got := bytes.ReplaceAll(Normalize(t, stacks[name].Raw), []byte(root), []byte("<repo>"))
		path := filepath.Join("testdata", dir, name+".tf.json")
		if Updating() {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run `UPDATE_GOLDEN=1 go test ./...` to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("stack %s differs from %s (run with UPDATE_GOLDEN=1 if intended):\n%s", name, path, lineDiff(string(want), string(got)))
		}
	}
}

// Normalize re-encodes JSON with sorted keys and a trailing newline.
func Normalize(t testing.TB, raw []byte) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lineDiff shows the first differing lines with a little context; enough to
// see what changed without an external diff tool.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			continue
		}
		b.WriteString("line " + strconv.Itoa(i+1) + ":\n  - " + wl + "\n  + " + gl + "\n")
		if shown++; shown == 20 {
			b.WriteString("  ...\n")
			break
		}
	}
	return b.String()
}
