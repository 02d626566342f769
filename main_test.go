package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// TestMain stops the jsii runtime the bindings start at package init.
func TestMain(m *testing.M) { synthtest.Main(m) }

// TestSynthPublishesOnlyCurrentStacks runs the real app over an output
// directory left by an older synth: a stack no longer synthesized (a region
// dropped from the config) is removed, a kept stack keeps its Terraform
// working files, and the jsii runtime leaves nothing in the temp directory.
func TestSynthPublishesOnlyCurrentStacks(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "multiregion")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	outdir := filepath.Join(t.TempDir(), "cdktf.out")
	seed := map[string]string{
		"stacks/eu-north-1/cdk.tf.json":         "{}",
		"stacks/global/.terraform/modules.json": "{}",
		"stacks/global/.terraform.lock.hcl":     "# lock",
	}
	for rel, content := range seed {
		path := filepath.Join(outdir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tmp := t.TempDir()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "MULTIREGION_CONFIG=config/local.yaml", "CDKTF_OUTDIR="+outdir, "TMPDIR="+tmp,
		"MULTIREGION_ENDPOINT=http://127.0.0.1:4566", "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("synth: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(outdir, "stacks", "eu-north-1")); !os.IsNotExist(err) {
		t.Errorf("the dropped stack's directory is still there (stat: %v)", err)
	}
	for _, rel := range []string{"stacks/global/cdk.tf.json", "stacks/global/.terraform/modules.json", "stacks/global/.terraform.lock.hcl"} {
		if _, err := os.Stat(filepath.Join(outdir, rel)); err != nil {
			t.Errorf("%s: %v", rel, err)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "jsii-runtime.*")); len(left) > 0 {
		t.Errorf("the app left %v in its temp directory", left)
	}

	// A config error exits early; the runtime's folder, created when the
	// bindings register their types at init, must go all the same.
	cmd = exec.Command(bin)
	cmd.Env = append(os.Environ(), "MULTIREGION_CONFIG="+filepath.Join(tmp, "missing.yaml"), "CDKTF_OUTDIR="+outdir, "TMPDIR="+tmp)
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Fatalf("the app accepted a missing config:\n%s", out)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "jsii-runtime.*")); len(left) > 0 {
		t.Errorf("after a config error the app left %v in its temp directory", left)
	}
}
