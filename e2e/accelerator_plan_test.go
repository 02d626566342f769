package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/e2e"
	"github.com/multiregion-iac/multiregion/stacks"
)

var gaSection = regexp.MustCompile(`(?m)^globalAccelerator:\n(  .*\n)*`)

// checkAcceleratorPlan synthesizes the reference app with Global
// Accelerator (and its flow logs) enabled and plans its global stack
// against the running deployment: the emulator has no Global Accelerator
// API, so planning is as far as it can go. It reuses the deployment p made
// (same config, same state): the region stacks need no change for the
// accelerator (stacks tests prove they synthesize identically), so their
// state already has every output the global stack reads. The plan must
// only create the accelerator's resources and leave everything else alone.
func checkAcceleratorPlan(t *testing.T, p *e2e.Project, cfgPath string) {
	t.Helper()
	raw, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if !gaSection.Match(raw) {
		t.Fatalf("%s has no globalAccelerator section to enable", cfgPath)
	}
	src := gaSection.ReplaceAllString(string(raw), "globalAccelerator:\n  enabled: true\n  flowLogs: true\n")
	gaPath := filepath.Join(t.TempDir(), "config-ga.yaml")
	if err := os.WriteFile(gaPath, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := stacks.Parse([]byte(strings.ReplaceAll(src, "${MULTIREGION_ENDPOINT}", p.URL)))
	if err != nil {
		t.Fatal(err)
	}
	ga := e2e.NewProject(t, ".", p.URL, "MULTIREGION_CONFIG="+gaPath)
	ga.CDKTF(t, "synth")
	ga.Terraform(t, stacks.GlobalStackName, "init", "-input=false", "-no-color")
	planFile := filepath.Join(t.TempDir(), "ga.plan")
	ga.Terraform(t, stacks.GlobalStackName, "plan", "-input=false", "-lock=false", "-no-color", "-out="+planFile)
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Type    string `json:"type"`
			Mode    string `json:"mode"`
			Change  struct {
				Actions []string       `json:"actions"`
				After   map[string]any `json:"after"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(ga.Terraform(t, stacks.GlobalStackName, "show", "-json", planFile), &plan); err != nil {
		t.Fatal(err)
	}
	created := map[string]int{}
	groups := map[string]map[string]any{}
	for _, rc := range plan.ResourceChanges {
		acts := strings.Join(rc.Change.Actions, ",")
		if rc.Mode != "managed" || acts == "no-op" || acts == "read" {
			continue
		}
		if acts != "create" {
			t.Errorf("accelerator plan: %s would %s; enabling the accelerator may only create resources", rc.Address, acts)
			continue
		}
		created[rc.Type]++
		if rc.Type == "aws_globalaccelerator_endpoint_group" {
			groups[rc.Change.After["endpoint_group_region"].(string)] = rc.Change.After
		}
	}
	for typ, n := range map[string]int{"aws_globalaccelerator_accelerator": 1, "aws_globalaccelerator_listener": 1,
		"aws_globalaccelerator_endpoint_group": len(cfg.Regions), "aws_s3_bucket": 1, "aws_kms_key": 1} {
		if created[typ] != n {
			t.Errorf("accelerator plan creates %d %s, want %d", created[typ], typ, n)
		}
	}
	for _, r := range cfg.Regions {
		g := groups[r.Name]
		if g == nil {
			t.Errorf("accelerator plan: no endpoint group in %s", r.Name)
			continue
		}
		dial := 0.0
		if r.Name == cfg.ActiveRegion {
			dial = 100
		}
		ep := g["endpoint_configuration"].([]any)[0].(map[string]any)
		arn := outputs(t, p, r.Name)["nlb_arn"]
		if g["traffic_dial_percentage"] != dial || ep["endpoint_id"] != arn || ep["client_ip_preservation_enabled"] != true {
			t.Errorf("%s endpoint group: dial %v endpoint %v preserve %v, want dial %v, the region's NLB %v, client IPs preserved",
				r.Name, g["traffic_dial_percentage"], ep["endpoint_id"], ep["client_ip_preservation_enabled"], dial, arn)
		}
	}
}
