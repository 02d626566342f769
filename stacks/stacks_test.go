package stacks

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// validYAML is a complete, valid config; the database and observability
// sections are added by testConfig unless a test writes its own.
const validYAML = `
app: shop
environment: test
accountId: "123456789012"
regions:
  - name: us-east-1
    role: primary
    cidr: 10.10.0.0/16
  - name: us-west-2
    role: secondary
    cidr: 10.20.0.0/16
loadBalancer:
dns:
  zoneName: shop.example.com
backend:
  type: local
  path: /tmp/multiregion-test-state
`

// clientsYAML appends a valid clients section to validYAML.
const clientsYAML = validYAML + `
clients:
  - name: acme
    region: us-east-1
    customerGatewayIp: 203.0.113.10
    cidrs: [172.16.0.0/20]
  - name: globex
    region: us-west-2
    customerGatewayIp: 198.51.100.20
    bgpAsn: 65100
    cidrs: [192.168.0.0/22, 192.168.8.0/24]
`

// testConfig is the reference layout (every part) with a fixed emulator
// endpoint and an absolute state path, so golden files do not depend on
// the machine.
func testConfig(t *testing.T, edit func(string) string) Config {
	t.Helper()
	src := validYAML + `
global:
  endpoint: http://127.0.0.1:4566
tags:
  owner: platform
`
	src = strings.ReplaceAll(src, "    cidr: 10.10.0.0/16\n", "    cidr: 10.10.0.0/16\n    endpoint: http://127.0.0.1:4566\n")
	src = strings.ReplaceAll(src, "    cidr: 10.20.0.0/16\n", "    cidr: 10.20.0.0/16\n    endpoint: http://127.0.0.1:4566\n")
	if edit != nil {
		src = edit(src)
	}
	for _, section := range []string{"database", "observability"} {
		if !strings.Contains(src, "\n"+section+":") {
			src += section + ":\n"
		}
	}
	cfg, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return *cfg
}

func synthReference(t *testing.T, cfg Config) synthtest.Stacks {
	t.Helper()
	return synthtest.Synth(t, func(app cdktf.App) error {
		_, err := New(app, cfg)
		return err
	})
}

func TestReferenceStacks(t *testing.T) {
	stacks := synthReference(t, testConfig(t, nil))
	const want = "global,iam,peering-us-west-2-us-east-1,us-east-1,us-west-2"
	if got := strings.Join(stacks.Names(), ","); got != want {
		t.Fatalf("stacks = %s, want %s", got, want)
	}
	if got := strings.Join(slices.Sorted(slices.Values(StackNames(testConfig(t, nil)))), ","); got != want {
		t.Errorf("StackNames = %s, want %s", got, want)
	}
	// The pair's stack: one provider per side, set up like the region
	// stacks; the regions' own stacks hold one provider each (below).
	pair := stacks.Get(t, "peering-us-west-2-us-east-1")
	providers := pair.JSON["provider"].(map[string]any)["aws"].([]any)
	if len(providers) != 2 {
		t.Fatalf("peering stack: %d providers, want 2", len(providers))
	}
	synthtest.Attrs(t, "requester provider", providers[0].(map[string]any), map[string]any{"region": "us-west-2", "skip_requesting_account_id": true, "max_retries": DefaultMaxRetries})
	synthtest.Attrs(t, "accepter provider", providers[1].(map[string]any), map[string]any{"region": "us-east-1", "alias": "accepter", "skip_requesting_account_id": true, "max_retries": DefaultMaxRetries})
	synthtest.Attrs(t, "peering backend", pair.JSON["terraform"].(map[string]any), map[string]any{
		"backend": map[string]any{"local": map[string]any{"path": "/tmp/multiregion-test-state/peering-us-west-2-us-east-1.tfstate"}},
	})
	if got := strings.Join(pair.Dependencies, ","); got != "us-east-1,us-west-2" {
		t.Errorf("peering stack deploys after %q, want both regions", got)
	}
	for _, name := range []string{"us-east-1", "us-west-2", "global", "iam"} {
		s := stacks.Get(t, name)
		tf := s.JSON["terraform"].(map[string]any)
		synthtest.Attrs(t, name+" terraform", tf, map[string]any{
			"backend":            map[string]any{"local": map[string]any{"path": "/tmp/multiregion-test-state/" + name + ".tfstate"}},
			"required_providers": map[string]any{"aws": map[string]any{"source": "aws", "version": ProviderVersion}},
		})
		providers := s.JSON["provider"].(map[string]any)["aws"].([]any)
		if len(providers) != 1 {
			t.Fatalf("%s: %d aws providers, want exactly 1 (a stack must call only its own region)", name, len(providers))
		}
		wantRegion := name
		if name == "global" || name == "iam" {
			wantRegion = "us-east-1"
		}
		p := providers[0].(map[string]any)
		synthtest.Attrs(t, name+" provider", p, map[string]any{
			"region": wantRegion,
			"default_tags": []any{map[string]any{"tags": map[string]any{
				"app": "shop", "environment": "test", "managed-by": "multiregion", "owner": "platform",
			}}},
			"skip_credentials_validation": true,
			// No account lookup through IAM (us-east-1) at provider start.
			"skip_requesting_account_id": true,
			"max_retries":                DefaultMaxRetries,
		})
	}
	east := stacks.Get(t, "us-east-1")
	synthtest.Attrs(t, "us-east-1 vpc", east.Resource(t, "aws_vpc", "network/vpc"), map[string]any{
		"cidr_block": "10.10.0.0/16", "enable_dns_hostnames": true, "enable_dns_support": true,
	})
	west := stacks.Get(t, "us-west-2")
	synthtest.Attrs(t, "us-west-2 subnet", west.Resource(t, "aws_subnet", "network/private-1"), map[string]any{
		"cidr_block": "10.20.64.0/18",
	})
	for _, out := range []string{"vpc_id", "vpc_cidr", "public_subnet_ids", "private_subnet_ids", "database_subnet_ids"} {
		if _, ok := east.Outputs()[out]; !ok {
			t.Errorf("us-east-1: output %q missing", out)
		}
	}
}

func TestS3Backend(t *testing.T) {
	cfg := testConfig(t, func(s string) string {
		return strings.Replace(s, "  type: local\n  path: /tmp/multiregion-test-state",
			"  type: s3\n  bucket: shop-state\n  region: eu-central-1\n  endpoint: http://127.0.0.1:4566", 1)
	})
	stacks := synthReference(t, cfg)
	backend := stacks.Get(t, "us-west-2").JSON["terraform"].(map[string]any)["backend"].(map[string]any)["s3"].(map[string]any)
	synthtest.Attrs(t, "s3 backend", backend, map[string]any{
		"bucket": "shop-state", "key": "shop/us-west-2.tfstate", "region": "eu-central-1",
		"encrypt": true, "use_lockfile": true, "use_path_style": true,
		"endpoints": map[string]any{"s3": "http://127.0.0.1:4566", "iam": "http://127.0.0.1:4566", "sts": "http://127.0.0.1:4566"},
	})
	synthtest.Validate(t, stacks)
}

func TestReferenceGoldenAndValidate(t *testing.T) {
	stacks := synthReference(t, testConfig(t, nil))
	synthtest.Golden(t, stacks, "reference")
	synthtest.Validate(t, stacks)
}

// TestRegionStacksNeedNoGlobalControlPlane: a region stack's deploy is the
// failover, so it holds no IAM resource (IAM's control plane is in
// us-east-1 and every deploy refreshes its stack's IAM resources), reads no
// state of the iam stack, and neither its provider nor its constructs look
// up the account.
func TestRegionStacksNeedNoGlobalControlPlane(t *testing.T) {
	stacks := synthReference(t, testConfig(t, func(s string) string { return s + clientsYAML[len(validYAML):] }))
	for _, name := range []string{"us-east-1", "us-west-2"} {
		s := stacks.Get(t, name)
		for typ := range s.JSON["resource"].(map[string]any) {
			if strings.HasPrefix(typ, "aws_iam_") {
				t.Errorf("%s holds %s", name, typ)
			}
		}
		for path := range s.Data("terraform_remote_state") {
			if strings.Contains(path, IAMStackName) {
				t.Errorf("%s reads the iam stack's state (%s)", name, path)
			}
		}
		// The account is given: no STS call to learn it.
		if ids := s.Data("aws_caller_identity"); len(ids) > 0 {
			t.Errorf("%s looks the account up (%d aws_caller_identity)", name, len(ids))
		}
	}
	iam := stacks.Get(t, IAMStackName)
	if n := len(iam.Resources("aws_iam_role")); n != 2 {
		t.Errorf("iam stack: %d roles, want the flow-log delivery role and the RDS monitoring role", n)
	}
	role := `arn:aws:iam::123456789012:role/shop-rds-monitoring`
	if got := stacks.Get(t, "us-west-2").Resource(t, "aws_db_instance", "database/instance")["monitoring_role_arn"]; got != role {
		t.Errorf("replica monitoring_role_arn = %v, want %s", got, role)
	}
	synthtest.Validate(t, stacks)
}

// TestClientTunnelLogs: tunnelLogRetentionDays reaches each client region's
// tunnel log group; disableTunnelLogs parses into the Config field the mesh
// takes.
func TestClientTunnelLogs(t *testing.T) {
	stacks := synthReference(t, testConfig(t, func(s string) string {
		return s + clientsYAML[len(validYAML):] + "tunnelLogRetentionDays: 90\n"
	}))
	for _, region := range []string{"us-east-1", "us-west-2"} {
		s := stacks.Get(t, region)
		synthtest.Attrs(t, region+" tunnel log group", s.Resource(t, "aws_cloudwatch_log_group", MeshID+"/tunnel-logs"), map[string]any{
			"name": "/multiregion/shop/vpn-tunnel-logs", "retention_in_days": float64(90),
		})
		vpn := s.Resource(t, "aws_vpn_connection", MeshID+"/client-vpns")
		for _, tunnel := range []string{"tunnel1_log_options", "tunnel2_log_options"} {
			if _, ok := vpn[tunnel]; !ok {
				t.Errorf("%s: client VPNs without %s", region, tunnel)
			}
		}
	}
	cfg, err := Parse([]byte(clientsYAML + "disableTunnelLogs: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.DisableTunnelLogs || cfg.TunnelLogRetentionDays != nil {
		t.Errorf("disableTunnelLogs parsed to %v, retention %v", cfg.DisableTunnelLogs, cfg.TunnelLogRetentionDays)
	}
}
