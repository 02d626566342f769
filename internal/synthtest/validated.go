package synthtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sync"
)

// validated remembers the stacks that passed `terraform validate`, by the
// SHA-256 of their JSON (validatedKey) together with the identity of the terraform binary
// and of the provider mirror: the same JSON against the same schema gives
// the same result, so only passes are remembered, in memory and as empty
// files under .cache/validated (gitignored; delete it to start over, or
// set MULTIREGION_VALIDATE_ALL=1 to ignore it).
type validated struct {
	dir  string
	salt string
}

var (
	validatedMu  sync.Mutex
	validatedRun = map[string]bool{}
	toolchain    = sync.OnceValue(toolchainID)
)

func newValidated(root string) *validated {
	v := &validated{dir: filepath.Join(root, ".cache", "validated"), salt: toolchain()}
	if os.Getenv("MULTIREGION_VALIDATE_ALL") != "" {
		v.dir = ""
	}
	return v
}

// validatedKey is what validate reads of a stack: its JSON without the
// backend, which `init -backend=false` skips (stacks that differ only in
// their backend validate alike).
func validatedKey(s *Stack) []byte {
	doc := maps.Clone(s.JSON)
	if tf, ok := doc["terraform"].(map[string]any); ok {
		tf = maps.Clone(tf)
		delete(tf, "backend")
		doc["terraform"] = tf
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return s.Raw
	}
	return raw
}

func (v *validated) key(raw []byte) string {
	h := sha256.New()
	h.Write([]byte(v.salt))
	h.Write(raw)
	return hex.EncodeToString(h.Sum(nil))
}

func (v *validated) passed(raw []byte) bool {
	k := v.key(raw)
	validatedMu.Lock()
	defer validatedMu.Unlock()
	if validatedRun[k] {
		return true
	}
	if v.dir == "" {
		return false
	}
	_, err := os.Stat(filepath.Join(v.dir, k))
	return err == nil
}

func (v *validated) add(raw []byte) {
	k := v.key(raw)
	validatedMu.Lock()
	validatedRun[k] = true
	validatedMu.Unlock()
	if v.dir != "" && os.MkdirAll(v.dir, 0o755) == nil {
		_ = os.WriteFile(filepath.Join(v.dir, k), nil, 0o644)
	}
}

// toolchainID identifies the terraform binary and the provider mirror by
// path, size and modification time of each file.
func toolchainID() string {
	id := ""
	stat := func(path string) {
		if fi, err := os.Stat(path); err == nil {
			id += fmt.Sprintf("%s %d %d\n", path, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	stat(TerraformBinary())
	_ = filepath.Walk("/opt/tf-plugins", func(path string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			stat(path)
		}
		return nil
	})
	return id
}
