package e2e

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// Enabled reports whether end-to-end tests should run; it skips t with the
// reason when they should not.
func Enabled(t *testing.T) {
	t.Helper()
	if os.Getenv("MULTIREGION_E2E") != "1" {
		t.Skip("end-to-end test: runs under scripts/test.sh (MULTIREGION_E2E=1), which installs the cdktf CLI and the emulator")
	}
}

// StartEmulator starts a private, patched emulator on a free loopback port
// at priority prio and stops it when the test ends. It returns the endpoint
// URL.
func StartEmulator(t *testing.T, prio Priority) string {
	t.Helper()
	root := synthtest.RepoRoot(t)
	port := freePort(t)
	logPath := filepath.Join(t.TempDir(), "emulator.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := prio.Command(context.Background(), "python3", filepath.Join(root, "scripts", "emulator", "launch.py"), fmt.Sprint(port))
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
		logFile.Close()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(180 * time.Second) // importing moto alone can take a minute on a busy host
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url + "/moto-api/"); err == nil {
			resp.Body.Close()
			return url
		}
		time.Sleep(200 * time.Millisecond)
	}
	log, _ := os.ReadFile(logPath)
	t.Fatalf("emulator did not start at %s:\n%s", url, log)
	return ""
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// AWS returns an AWS SDK config for region, pointed at the emulator.
func AWS(t *testing.T, url, region string) aws.Config {
	t.Helper()
	cfg, err := config.LoadDefaultConfig(context.Background(),
		config.WithRegion(region),
		config.WithBaseEndpoint(url),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("test", "test", "")),
	)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}
