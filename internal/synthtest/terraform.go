package synthtest

import (
	"bytes"
	"encoding/json"
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
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's directory")
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
	root := RepoRoot(t)
	cache := filepath.Join(root, ".cache", "tf-plugins")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	return append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+filepath.Join(root, "tools", "terraform.rc"),
		"TF_PLUGIN_CACHE_DIR="+cache,
		"TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE=1",
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
	)
}

// Terraform runs the terraform binary in dir and returns stdout; a non-zero
// exit fails the test with stderr.
func Terraform(t testing.TB, dir string, env []string, args ...string) []byte {
	t.Helper()
	out, err := runTerraform(dir, env, args...)
	if err != nil {
		t.Fatalf("terraform %v in %s: %v", args, dir, err)
	}
	return out
}

// TryTerraform is Terraform returning the error (with stderr) instead of
// failing the test: for plans run side by side in goroutines.
func TryTerraform(dir string, env []string, args ...string) ([]byte, error) {
	return runTerraform(dir, env, args...)
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
	cmd := exec.Command(terraformBinary(), args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.Bytes(), &tfError{err: err, stderr: stderr.String(), stdout: stdout.String()}
	}
	return stdout.Bytes(), nil
}

func terraformBinary() string {
	if p, err := exec.LookPath("terraform"); err == nil {
		return p
	}
	return "/usr/local/bin/terraform"
}

// Validate runs `terraform init -backend=false` and `terraform validate`
// on every stack (concurrently; no jsii involved) and reports each
// diagnostic with its stack, address and summary. A stack whose exact JSON
// already passed against the same terraform and provider binaries (in
// this run or an earlier one: see validated) is not validated again; each
// validate costs seconds of CPU, loading the provider's schema.
func Validate(t testing.TB, stacks Stacks) {
	t.Helper()
	env := TerraformEnv(t)
	cache := newValidated(RepoRoot(t))
	var wg sync.WaitGroup
	errs := make([]string, len(stacks))
	for i, name := range stacks.Names() {
		s := stacks[name]
		key := validatedKey(s)
		if cache.passed(key) {
			continue
		}
		wg.Add(1)
		go func(i int, s *Stack) {
			defer wg.Done()
			if errs[i] = validateStack(s, env); errs[i] == "" {
				cache.add(key)
			}
		}(i, s)
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Error(e)
		}
	}
}

func validateStack(s *Stack, env []string) string {
	if _, err := runTerraform(s.Dir, env, "init", "-backend=false", "-input=false", "-no-color"); err != nil {
		return "stack " + s.Name + ": terraform init: " + err.Error()
	}
	out, _ := runTerraform(s.Dir, env, "validate", "-json", "-no-color")
	var res struct {
		Valid       bool `json:"valid"`
		Diagnostics []struct {
			Severity string `json:"severity"`
			Summary  string `json:"summary"`
			Detail   string `json:"detail"`
			Address  string `json:"address"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return "stack " + s.Name + ": terraform validate printed no JSON: " + string(out)
	}
	// Warnings fail too: a deprecated attribute today is an error in 6.x.
	var msg string
	for _, d := range res.Diagnostics {
		msg += "\n  " + d.Severity + ": " + d.Address + ": " + d.Summary + ": " + d.Detail
	}
	if !res.Valid || msg != "" {
		return "stack " + s.Name + ": terraform validate failed:" + msg
	}
	return ""
}

// Console evaluates expr with `terraform console` in dir (a configuration
// that needs no provider, e.g. only locals) and returns the result as
// terraform prints it.
func Console(t testing.TB, dir, expr string) string {
	t.Helper()
	cmd := exec.Command(terraformBinary(), "console")
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
