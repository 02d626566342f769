package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/multiregion-iac/multiregion/internal/e2e"
	"github.com/multiregion-iac/multiregion/internal/synthtest"
	"github.com/multiregion-iac/multiregion/stacks"
)

// referenceConfig writes config/local.yaml with the backend replaced, into
// a temp file, and returns its path and the parsed config. The file keeps
// its ${MULTIREGION_ENDPOINT} references (the project's environment sets
// it; the outage drill points it at its proxy).
func referenceConfig(t *testing.T, url, backend string) (string, *stacks.Config) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(synthtest.RepoRoot(t), "config", "local.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	src := string(raw)
	i := strings.Index(src, "\nbackend:")
	if i < 0 {
		t.Fatal("config/local.yaml has no backend section")
	}
	src = src[:i+1] + backend
	// The database as in production (the drill exercises deletion
	// protection and final snapshots; it makes the database disposable
	// again before the destroy).
	// (and without the credentials version: the drill's rotation block
	// sets it, and a YAML section may not repeat a key)
	for _, line := range []string{"  disableDeletionProtection: true   # so the e2e destroy can delete the instances\n", "  skipFinalSnapshot: true\n",
		"  credentialsVersion: 1              # raise by one and deploy the primary to rotate (docs/runbook.md)\n"} {
		if !strings.Contains(src, "\ndatabase:\n") || !strings.Contains(src, line) {
			t.Fatalf("config/local.yaml: no database line %q", line)
		}
		src = strings.Replace(src, line, "", 1)
	}
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := stacks.Parse([]byte(strings.ReplaceAll(src, "${MULTIREGION_ENDPOINT}", url)))
	if err != nil {
		t.Fatal(err)
	}
	return path, cfg
}

// TestReferenceApp deploys the reference app once per run, with the CI
// pipeline's own steps (examples/ci/pipeline.sh: synth, diff, then one
// pass over every stack), checks every part through the AWS API, re-plans,
// runs the region-outage drill and destroys. (The S3 backend is exercised
// by TestThreeRegionMeshExample.)
func TestReferenceApp(t *testing.T) {
	e2e.Enabled(t)
	t.Parallel()              // subprocesses only: no jsii in this test binary
	defer openReferenceGate() // however this test ends
	// The longest test: its emulator and commands get the CPU first.
	url := e2e.StartEmulator(t, e2e.CriticalPath)
	cfgPath, cfg := referenceConfig(t, url, "backend:\n  type: local\n  path: "+t.TempDir()+"\n")
	runReference(t, url, cfgPath, cfg, func(p *e2e.Project, names []string) {
		pipeline(t, p, "synth")
		// The pull-request job: before the first deploy a region stack
		// can be diffed (it reads no other stack's state).
		pipeline(t, p, "diff", cfg.Regions[1].Name)
		// The main job: one pass, each stack once, in deploy order. (That
		// every stack, global included, then plans without an error or a
		// change, runReference's re-plans show.)
		pipeline(t, p, "deploy-all")
	})
}

// runReference deploys the reference app once with deploy, checks every
// part through the AWS API, re-plans each stack expecting no changes, and
// destroys.
func runReference(t *testing.T, url, cfgPath string, cfg *stacks.Config, deploy func(p *e2e.Project, names []string)) {
	t.Helper()
	p := e2e.NewProject(t, ".", url, "MULTIREGION_CONFIG="+cfgPath)
	p.Priority = e2e.CriticalPath // the suite ends when this test does
	names := stacks.StackNames(*cfg)
	deploy(p, names)
	destroyed := false
	t.Cleanup(func() {
		if !destroyed { // a check failed: make the production-like database deletable first
			unprotect(t, url, cfg)
			p.Destroy(t, names...)
		}
	})

	checkMesh(t, url, meshOfConfig(cfg)) // after the one pass: peerings available, routes both ways
	for _, r := range cfg.Regions {
		checkNetwork(t, url, cfg, r)
	}
	checkLoadBalancers(t, p, url, cfg)
	checkObservability(t, p, url, cfg)
	checkDatabase(t, p, url, cfg)
	checkBackupReplication(t, url, cfg)
	p.AssertNoChanges(t, names...)
	openReferenceGate() // the other deployments run beside the drill
	if cfg.Backend.Type == "local" {
		base, err := os.ReadFile(cfgPath)
		if err != nil {
			t.Fatal(err)
		}
		runDrill(t, p, url, cfgPath, string(base), cfg) // docs/runbook.md, run from the file
	}

	p.DestroyInWaves(t, destroyWaves(names)...)
	destroyed = true
	checkSecretGone(t, url, cfg)
	for _, r := range cfg.Regions {
		if vpcs := appVpcs(t, url, r.Name, cfg.App); len(vpcs) != 0 {
			t.Errorf("%s: %d VPCs left after destroy", r.Name, len(vpcs))
		}
	}
}

// destroyWaves orders a destroy of the deploy-ordered names: global and the
// peering stacks, then every region together (a replica's stack follows its
// writer's only to deploy: RDS lets a writer go before its cross-region
// replica, which it then promotes), then iam (the region stacks use its
// roles).
func destroyWaves(names []string) [][]string {
	var first, regions, last []string
	for _, n := range names {
		switch {
		case n == stacks.GlobalStackName || strings.HasPrefix(n, "peering-"):
			first = append(first, n)
		case n == stacks.IAMStackName:
			last = append(last, n)
		default:
			regions = append(regions, n)
		}
	}
	return [][]string{first, regions, last}
}

func appVpcs(t *testing.T, url, region, app string) []ec2types.Vpc {
	t.Helper()
	out, err := ec2.NewFromConfig(e2e.AWS(t, url, region)).DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{
		Filters: []ec2types.Filter{{Name: aws.String("tag:app"), Values: []string{app}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.Vpcs
}

func checkNetwork(t *testing.T, url string, cfg *stacks.Config, r stacks.Region) {
	t.Helper()
	ctx := context.Background()
	vpcs := appVpcs(t, url, r.Name, cfg.App)
	if len(vpcs) != 1 {
		t.Fatalf("%s: %d VPCs tagged app=%s, want 1", r.Name, len(vpcs), cfg.App)
	}
	v := vpcs[0]
	if *v.CidrBlock != r.Cidr {
		t.Errorf("%s: VPC CIDR %s, want %s", r.Name, *v.CidrBlock, r.Cidr)
	}
	tags := map[string]string{}
	for _, tag := range v.Tags {
		tags[*tag.Key] = *tag.Value
	}
	for k, want := range map[string]string{"environment": cfg.Environment, "owner": cfg.Tags["owner"], "managed-by": "multiregion", "Name": cfg.App + "-" + r.Name} {
		if tags[k] != want {
			t.Errorf("%s: VPC tag %s = %q, want %q", r.Name, k, tags[k], want)
		}
	}
	client := ec2.NewFromConfig(e2e.AWS(t, url, r.Name))
	subnets, err := client.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{*v.VpcId}}}})
	if err != nil {
		t.Fatal(err)
	}
	perTier := map[string]int{}
	for _, s := range subnets.Subnets {
		for _, tag := range s.Tags {
			if *tag.Key == "multiregion:tier" {
				perTier[*tag.Value]++
			}
		}
	}
	for _, tier := range []string{"public", "private", "database"} {
		if perTier[tier] != r.AzCount {
			t.Errorf("%s: %d %s subnets, want %d", r.Name, perTier[tier], tier, r.AzCount)
		}
	}
	rts, err := client.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{*v.VpcId}}}})
	if err != nil {
		t.Fatal(err)
	}
	// main + public + database + one private table per AZ
	if want := 3 + r.AzCount; len(rts.RouteTables) != want {
		t.Errorf("%s: %d route tables, want %d", r.Name, len(rts.RouteTables), want)
	}
	igwRoute := false
	for _, rt := range rts.RouteTables {
		for _, rr := range rt.Routes {
			if aws.ToString(rr.DestinationCidrBlock) == "0.0.0.0/0" && strings.HasPrefix(aws.ToString(rr.GatewayId), "igw-") {
				igwRoute = true
			}
		}
	}
	if !igwRoute {
		t.Errorf("%s: no default route to the internet gateway", r.Name)
	}
}

// pipeline runs one step of examples/ci/pipeline.sh in the project.
func pipeline(t *testing.T, p *e2e.Project, args ...string) {
	t.Helper()
	cmd := p.Priority.Command(context.Background(), filepath.Join(p.Root, "examples", "ci", "pipeline.sh"), args...)
	cmd.Dir = p.Root
	cmd.Env = append(p.Env, "CDKTF_OUT="+p.Out)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("pipeline.sh %s: %s", strings.Join(args, " "), time.Since(start).Round(time.Second))
	e2e.SaveLog(t, "pipeline "+strings.Join(args, " "), string(out))
	if err != nil {
		t.Fatalf("pipeline.sh %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}
