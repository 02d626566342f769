package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// cdktfTimeout bounds one cdktf run, so a hung CLI fails the test instead
// of the CI job. A first deploy of the consumer example took 15 minutes
// with four deployments sharing two CPUs.
const cdktfTimeout = 25 * time.Minute

// Project is a cdktf app (a directory with cdktf.json) deployed with the
// real cdktf CLI into its own output directory.
type Project struct {
	Root string // the repository root
	Dir  string // the app's directory
	Out  string // the synthesized output directory
	URL  string // the emulator endpoint
	Env  []string
	// Priority is the CPU priority of every command the project runs
	// (cdktf, terraform, the runbook's shells).
	Priority Priority
}

// NewProject prepares to deploy the app in dir (relative to the repository
// root) against the emulator at url. extraEnv adds KEY=VALUE settings (for
// example MULTIREGION_CONFIG).
func NewProject(t *testing.T, dir, url string, extraEnv ...string) *Project {
	t.Helper()
	root := synthtest.RepoRoot(t)
	ensureCLI(t, root)
	cdktfHome := filepath.Join(root, ".cache", "cdktf-home")
	if err := os.MkdirAll(cdktfHome, 0o755); err != nil {
		t.Fatal(err)
	}
	env := append(synthtest.TerraformEnv(t),
		"TERRAFORM_BINARY_NAME="+filepath.Join(root, "scripts", "terraform-offline"),
		"DISABLE_VERSION_CHECK=1",
		"CDKTF_DISABLE_PLUGIN_CACHE_ENV=1",
		"CDKTF_HOME="+cdktfHome,
		"CI=1",
		"JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20",
		"NO_COLOR=1", "FORCE_COLOR=0",
		"AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test", "AWS_DEFAULT_REGION=us-east-1",
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_ACCOUNT_ID=123456789012", // moto's
		"AWS_ENDPOINT_URL="+url,
		"MULTIREGION_ENDPOINT="+url,
		"PATH="+filepath.Join(root, "node_modules", ".bin")+string(os.PathListSeparator)+os.Getenv("PATH"),
	)
	env = append(env, extraEnv...)
	return &Project{Root: root, Dir: filepath.Join(root, dir), Out: filepath.Join(t.TempDir(), "cdktf.out"), URL: url, Env: env}
}

func ensureCLI(t *testing.T, root string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(root, "node_modules", ".bin", "cdktf")); err == nil {
		return
	}
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci: %v\n%s", err, out)
	}
	hideFromGo(t, root)
}

// CDKTF runs the cdktf CLI with args in the project and returns its output;
// failure fails the test with the output's tail.
func (p *Project) CDKTF(t *testing.T, args ...string) string {
	t.Helper()
	out, err := p.TryCDKTF(t, args...)
	if err != nil {
		t.Fatalf("cdktf %s: %v\n%s\n-- last lines --\n%s", strings.Join(args, " "), err, errorBlocks(out), tail(out, 40))
	}
	return out
}

// TryCDKTF is CDKTF returning the error instead of failing.
func (p *Project) TryCDKTF(t *testing.T, args ...string) (string, error) {
	t.Helper()
	args = append(args, "--output", p.Out)
	ctx, cancel := context.WithTimeout(context.Background(), cdktfTimeout)
	defer cancel()
	cli := filepath.Join(p.Root, "node_modules", ".bin", "cdktf")
	cmd := p.Priority.Command(ctx, cli, args...)
	cmd.Dir = p.Dir
	// cdktf spawns terraform; kill the whole group on timeout.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.Env = p.Env
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	start := time.Now()
	err := cmd.Run()
	t.Logf("cdktf %s: %s", strings.Join(args, " "), time.Since(start).Round(time.Second))
	SaveLog(t, "cdktf "+strings.Join(args[:len(args)-2], " "), buf.String())
	return buf.String(), err
}

// Deploy deploys stacks in one cdktf run, which orders them by their
// cross-stack dependencies. Every dependency must be among stacks.
func (p *Project) Deploy(t *testing.T, stacks ...string) {
	t.Helper()
	args := append([]string{"deploy"}, stacks...)
	p.CDKTF(t, append(args, "--auto-approve")...)
}

// DeployOnly deploys one stack without its dependencies (they must already
// be deployed): how a region is deployed while another region is down.
// (With --ignore-missing-stack-dependencies cdktf starts every named stack
// at once, so it is only safe for a single stack.)
func (p *Project) DeployOnly(t *testing.T, stack string) {
	t.Helper()
	p.CDKTF(t, "deploy", stack, "--auto-approve", "--ignore-missing-stack-dependencies")
}

// Destroy destroys stacks, one cdktf run per stack (cdktf 0.20's
// multi-stack destroy never starts the destroys here: it re-spawns
// `terraform destroy` for the waiting stacks in a loop). A stack goes once
// every named stack that depends on it (manifest.json) is gone; stacks that
// are free at the same time go side by side, from the synthesized output.
func (p *Project) Destroy(t *testing.T, stacks ...string) {
	t.Helper()
	deps := p.dependencies(t)
	left := slices.Clone(stacks)
	for len(left) > 0 {
		var free []string
		for _, s := range left {
			if !slices.ContainsFunc(left, func(o string) bool { return slices.Contains(deps[o], s) }) {
				free = append(free, s)
			}
		}
		if len(free) == 0 {
			t.Fatalf("destroy: the stacks %v depend on each other", left)
		}
		p.destroyTogether(t, free)
		left = slices.DeleteFunc(left, func(s string) bool { return slices.Contains(free, s) })
	}
}

// DestroyInWaves destroys each wave's stacks side by side, one wave after
// the other: for stacks whose manifest dependency is about deploy order
// only (a replica's region after its writer's), which may go together.
func (p *Project) DestroyInWaves(t *testing.T, waves ...[]string) {
	t.Helper()
	p.ensureSynthesized(t)
	for _, wave := range waves {
		p.destroyTogether(t, wave)
	}
}

// destroyTogether runs one cdktf destroy per stack, side by side, from the
// synthesized output, and fails the test on any failure.
func (p *Project) destroyTogether(t *testing.T, stacks []string) {
	t.Helper()
	errs := make([]error, len(stacks))
	outs := make([]string, len(stacks))
	var wg sync.WaitGroup
	for i, s := range stacks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = p.TryCDKTF(t, "destroy", s, "--auto-approve", "--ignore-missing-stack-dependencies", "--skip-synth")
		}()
	}
	wg.Wait()
	for i, s := range stacks {
		if errs[i] != nil {
			t.Fatalf("cdktf destroy %s: %v\n%s\n-- last lines --\n%s", s, errs[i], errorBlocks(outs[i]), tail(outs[i], 40))
		}
	}
}

// ensureSynthesized synthesizes the app when its output has no manifest
// yet (a test that failed before its first deploy).
func (p *Project) ensureSynthesized(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(p.Out, "manifest.json")); err != nil {
		p.CDKTF(t, "synth")
	}
}

// dependencies reads each stack's dependencies from the synthesized
// manifest, synthesizing first when there is none.
func (p *Project) dependencies(t *testing.T) map[string][]string {
	t.Helper()
	p.ensureSynthesized(t)
	raw, err := os.ReadFile(filepath.Join(p.Out, "manifest.json"))
	var manifest struct {
		Stacks map[string]struct{ Dependencies []string }
	}
	if err == nil {
		err = json.Unmarshal(raw, &manifest)
	}
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	deps := map[string][]string{}
	for name, s := range manifest.Stacks {
		deps[name] = s.Dependencies
	}
	return deps
}

// StackDir is where a synthesized stack's Terraform working directory is.
func (p *Project) StackDir(stack string) string { return filepath.Join(p.Out, "stacks", stack) }

// Terraform runs terraform in a deployed stack's working directory.
func (p *Project) Terraform(t *testing.T, stack string, args ...string) []byte {
	t.Helper()
	out, err := p.tryTerraform(stack, args...)
	if err != nil {
		t.Fatalf("terraform %v in %s: %v", args, stack, err)
	}
	return out
}

// tryTerraform runs terraform in a stack's directory at the project's
// priority (safe in a goroutine).
func (p *Project) tryTerraform(stack string, args ...string) ([]byte, error) {
	cmd := p.Priority.Command(context.Background(), synthtest.TerraformBinary(), args...)
	cmd.Dir = p.StackDir(stack)
	cmd.Env = p.Env
	return synthtest.RunTerraform(cmd)
}

// State returns the raw state of a stack (`terraform state pull`).
func (p *Project) State(t *testing.T, stack string) []byte {
	t.Helper()
	return p.Terraform(t, stack, "state", "pull")
}

// errorBlocks returns each Terraform error with the lines that follow it:
// in a multi-stack run the error is rarely in the last lines.
func errorBlocks(s string) string {
	lines := strings.Split(s, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		if !strings.Contains(lines[i], "Error:") {
			continue
		}
		end := min(i+12, len(lines))
		out = append(out, lines[i:end]...)
		out = append(out, "...")
		i = end - 1
	}
	if len(out) == 0 {
		return "(no Terraform error lines)"
	}
	return strings.Join(out, "\n")
}

func tail(s string, lines int) string {
	parts := strings.Split(s, "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}

// hideFromGo puts a go.mod in node_modules so `go test ./...` does not walk
// into npm packages that ship Go files.
func hideFromGo(t *testing.T, root string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, "node_modules", "go.mod"), []byte("module ignored\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}
