package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
)

var (
	logSeq   = map[string]int{}
	logSeqMu sync.Mutex
	unsafe   = regexp.MustCompile(`[^A-Za-z0-9._-]+`)
)

// SaveLog keeps a command's whole output under $MULTIREGION_E2E_LOGS (when
// set), one numbered file per command and test, to find where a run spends
// its time ("Creation complete after ...") or why a step failed.
func SaveLog(t *testing.T, command, out string) {
	t.Helper()
	dir := os.Getenv("MULTIREGION_E2E_LOGS")
	if dir == "" {
		return
	}
	dir = filepath.Join(dir, unsafe.ReplaceAllString(t.Name(), "_"))
	logSeqMu.Lock()
	logSeq[dir]++
	n := logSeq[dir]
	logSeqMu.Unlock()
	name := fmt.Sprintf("%03d-%s.log", n, unsafe.ReplaceAllString(command, "_"))
	if len(name) > 120 {
		name = name[:120] + ".log"
	}
	if err := os.MkdirAll(dir, 0o755); err == nil {
		err = os.WriteFile(filepath.Join(dir, name), []byte(command+"\n\n"+out), 0o644)
		if err != nil {
			t.Logf("saving the log of %s: %v", command, err)
		}
	}
}
