package synthtest

import (
	"os"
	"path/filepath"
	"testing"
)

// TestValidatedRemembersPassesOnly: a pass is remembered in memory and on
// disk under the toolchain's identity; an unknown JSON is not, and a stack
// differing only in its backend has the same key.
func TestValidatedRemembersPassesOnly(t *testing.T) {
	dir := t.TempDir()
	v := &validated{dir: dir, salt: "terraform 1"}
	a := []byte(`{"resource":{}}`)
	if v.passed(a) {
		t.Fatal("an unseen stack counts as validated")
	}
	v.add(a)
	if !v.passed(a) || v.passed([]byte(`{"resource":{"x":{}}}`)) {
		t.Fatal("passed() does not follow add()")
	}
	if _, err := os.Stat(filepath.Join(dir, v.key(a))); err != nil {
		t.Fatalf("no record on disk: %v", err)
	}
	other := &validated{dir: dir, salt: "terraform 2"}
	if other.passed(a) {
		t.Error("a pass is remembered across toolchains")
	}
	local := &Stack{JSON: map[string]any{"terraform": map[string]any{"backend": map[string]any{"local": map[string]any{}}, "required_version": ">= 1.11"}}}
	s3 := &Stack{JSON: map[string]any{"terraform": map[string]any{"backend": map[string]any{"s3": map[string]any{}}, "required_version": ">= 1.11"}}}
	if string(validatedKey(local)) != string(validatedKey(s3)) {
		t.Error("stacks differing only in their backend have different keys")
	}
	if _, ok := local.JSON["terraform"].(map[string]any)["backend"]; !ok {
		t.Error("validatedKey edited the stack")
	}
}
