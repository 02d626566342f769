package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// deployRows deploys the reference app to a fresh emulator with one cdktf
// deploy, times `terraform plan` of each deployed stack (no changes expected),
// then times the failover: `cdktf deploy <secondary>` with the secondary
// active. Everything is destroyed and the emulator stopped at the end.
func deployRows(root, work string, env []string, app string) []row {
	url := strings.TrimSpace(string(mustOut(command(root, env, "scripts/emulator.sh", "start"))))
	defer func() { _ = command(root, env, "scripts/emulator.sh", "stop").Run() }()
	env = append(env, "AWS_ENDPOINT_URL="+url, "MULTIREGION_ENDPOINT="+url,
		"AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test", "AWS_DEFAULT_REGION=us-east-1",
		"TERRAFORM_BINARY_NAME="+filepath.Join(root, "scripts", "terraform-offline"),
		"CI=1", "DISABLE_VERSION_CHECK=1", "CDKTF_DISABLE_PLUGIN_CACHE_ENV=1",
		"CDKTF_HOME="+filepath.Join(root, ".cache", "cdktf-home"))

	base, err := os.ReadFile(filepath.Join(root, "config", "local.yaml"))
	if err != nil {
		fail(err)
	}
	cfgPath := filepath.Join(work, "deploy.yaml")
	writeConfig(cfgPath, string(base), work, "", "")
	out := filepath.Join(work, "deploy-out")
	cdktf := filepath.Join(root, "node_modules", ".bin", "cdktf")
	stackNames := strings.Fields(string(mustOut(command(root, append(env, "MULTIREGION_CONFIG="+cfgPath), "go", "run", "./scripts/liststacks"))))
	denv := append(env, "MULTIREGION_CONFIG="+cfgPath)

	var rows []row
	// One pass, as scripts/deploy-local.sh runs it: the plans below are
	// empty after it.
	res := must(run(command(root, denv, cdktf, append(append([]string{"deploy"}, stackNames...), "--auto-approve", "--output", out)...)))
	rows = append(rows, row{name: "cdktf deploy, all stacks, one pass (emulator)", res: res, note: strings.Join(stackNames, ", ")})
	defer func() {
		for i := len(stackNames) - 1; i >= 0; i-- {
			_, _ = run(command(root, denv, cdktf, "destroy", stackNames[i], "--auto-approve", "--ignore-missing-stack-dependencies", "--output", out))
		}
	}()
	for _, s := range stackNames {
		res := must(run(command(filepath.Join(out, "stacks", s), denv, "terraform", "plan", "-input=false", "-lock=false", "-no-color")))
		rows = append(rows, row{name: "terraform plan: " + s, res: res, note: "after deploy"})
	}
	// Failover: the secondary becomes active and the primary is retired
	// (docs/runbook.md, step 1); only the secondary's stack is deployed.
	primary, secondary := stackNames[1], stackNames[2] // after the iam stack
	writeConfig(cfgPath, string(base), work, secondary, primary)
	res = must(run(command(root, denv, cdktf, "deploy", secondary, "--auto-approve", "--ignore-missing-stack-dependencies", "--output", out)))
	rows = append(rows, row{name: "failover: cdktf deploy " + secondary, res: res, note: "activeRegion: " + secondary + " (replica promoted)"})
	return rows
}

// writeConfig writes the local config with state under work and, when
// active is set, that region active and the retired one retired.
func writeConfig(path, base, work, active, retired string) {
	i := strings.Index(base, "\nbackend:")
	src := base[:i+1] + "backend:\n  type: local\n  path: " + filepath.Join(work, "state") + "\n"
	if active != "" {
		src = "activeRegion: " + active + "\n" + strings.Replace(src, "\ndatabase:\n", "\ndatabase:\n  retired: ["+retired+"]\n", 1)
	}
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		fail(err)
	}
}

func mustOut(cmd *exec.Cmd) []byte {
	out, err := cmd.Output()
	if err != nil {
		fail(err)
	}
	return out
}
