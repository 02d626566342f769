package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// badInput is one entry of the bad-input catalogue: an edit of
// config/local.yaml and every problem the app must report for it.
type badInput struct {
	name     string
	old, new string // replaced once in config/local.yaml
	want     []string
}

// catalogue covers every construct through the config that drives it.
var catalogue = []badInput{
	// stacks / config
	{"unknown key", "environment: local", "environment: local\nenvirnment: x", []string{
		"envirnment: unknown key (known keys: activeRegion, app, backend, clientSummaries, clients, database, dns, environment, global, globalAccelerator, loadBalancer, observability, regions, tags)",
	}},
	{"bad cidr", "cidr: 10.20.0.0/16", "cidr: 10.20.0.0/33", []string{
		"regions[1].cidr: \"10.20.0.0/33\" is not a valid IPv4 CIDR",
	}},
	{"overlapping regions", "cidr: 10.20.0.0/16", "cidr: 10.10.0.0/16", []string{
		"regions[1].cidr: 10.10.0.0/16 overlaps regions[0].cidr 10.10.0.0/16",
	}},
	{"two primaries", "role: secondary", "role: primary", []string{
		"regions: exactly one region must have role \"primary\", got 2",
	}},
	{"unknown active region", "environment: local", "environment: local\nactiveRegion: eu-west-1", []string{
		"activeRegion: \"eu-west-1\" is not one of the regions",
	}},
	{"bad backend", "  type: local", "  type: consul", []string{
		"backend.type: must be \"local\" or \"s3\", got \"consul\"",
	}},
	// network
	{"network: subnets too small for the VPC", "cidr: 10.20.0.0/16", "cidr: 10.20.0.0/24", []string{
		"us-west-2/network: PublicSubnetBits: 5 gives /29 subnets in 10.20.0.0/24; AWS subnets must be /28 or larger",
		"us-west-2/network: DatabaseSubnetBits: 5 gives /29 subnets in 10.20.0.0/24; AWS subnets must be /28 or larger",
	}},
	{"network: az count", "cidr: 10.20.0.0/16\n    azCount: 2", "cidr: 10.20.0.0/16\n    azCount: 4", []string{
		"regions[1].azCount: must be 2 or 3, got 4",
	}},
	{"network: nat mode", "    role: secondary", "    role: secondary\n    natGateways: lots", []string{
		"regions[1].natGateways: must be \"none\", \"single\" or \"per-az\", got \"lots\"",
	}},
	// tgwpeering
	{"mesh: client in unknown region", "    region: us-west-2\n", "    region: eu-west-3\n", []string{
		"clients[2].region: \"eu-west-3\" is not one of the mesh's regions (us-east-1, us-west-2)",
	}},
	{"mesh: client network outside the summaries", "\nclients:\n", "\nclientSummaries: [172.16.0.0/12]\nclients:\n", []string{
		"clients[1].cidrs[0]: 192.168.0.0/22 is outside every clientSummaries entry (172.16.0.0/12)",
		"clients[1].cidrs[1]: 192.168.8.0/24 is outside every clientSummaries entry (172.16.0.0/12)",
	}},
	{"mesh: duplicate client", "name: initech", "name: acme-hq", []string{
		"clients[2].name: \"acme-hq\" is already used by clients[0]",
	}},
	{"mesh: client cidr overlaps a region", "cidrs: [172.20.0.0/20]", "cidrs: [10.20.5.0/24]", []string{
		"clients[2].cidrs[0]: 10.20.5.0/24 overlaps regions[1].cidr 10.20.0.0/16",
	}},
	{"mesh: private customer gateway ip", "customerGatewayIp: 192.0.2.30", "customerGatewayIp: 10.1.2.3", []string{
		"clients[2].customerGatewayIp: \"10.1.2.3\" must be a public IPv4 address",
	}},
	{"mesh: tgw asn out of range", "    role: secondary", "    role: secondary\n    transitGatewayAsn: 100", []string{
		"regions[1].transitGatewayAsn: 100 is outside the private ASN ranges 64512-65534 and 4200000000-4294967294",
	}},
	{"mesh: client asn equals a tgw asn", "bgpAsn: 65020", "bgpAsn: 64512", []string{
		"clients[2].bgpAsn: 64512 is already used by regions[0].transitGatewayAsn",
	}},
	// failovernlb
	{"nlb: port out of range", "ports: [443]", "ports: [0, 70000]", []string{
		"loadBalancer.ports[0]: must be 1-65535, got 0",
		"loadBalancer.ports[1]: must be 1-65535, got 70000",
		"loadBalancer.targetPort: must be 1-65535, got 0",
	}},
	{"nlb: tls without certificate", "protocol: TCP", "protocol: TLS", []string{
		"loadBalancer.certificateArns.us-east-1: is required: protocol TLS needs an ACM certificate in every region",
		"loadBalancer.certificateArns.us-west-2: is required: protocol TLS needs an ACM certificate in every region",
	}},
	{"nlb: route 53 interval", "healthCheckIntervalSeconds: 10", "healthCheckIntervalSeconds: 20", []string{
		"dns.healthCheckIntervalSeconds: Route 53 supports only 10 or 30, got 20",
	}},
	{"nlb: failure threshold", "healthCheckFailureThreshold: 3", "healthCheckFailureThreshold: 11", []string{
		"dns.healthCheckFailureThreshold: must be 1-10, got 11",
	}},
	// replicatedpostgres
	{"db: reserved username admin", "instanceClass: db.t4g.micro", "instanceClass: db.t4g.micro\n  masterUsername: admin", []string{
		"database.masterUsername: \"admin\" is reserved by RDS for PostgreSQL; choose another name",
	}},
	{"db: reserved username rdsadmin", "instanceClass: db.t4g.micro", "instanceClass: db.t4g.micro\n  masterUsername: rdsadmin", []string{
		"database.masterUsername: \"rdsadmin\" is reserved by RDS for PostgreSQL; choose another name",
	}},
	{"db: monitoring interval", "instanceClass: db.t4g.micro", "instanceClass: db.t4g.micro\n  monitoringInterval: 45", []string{
		"database.monitoringInterval: must be 1, 5, 10, 15, 30 or 60 seconds, got 45",
	}},
	{"db: retired engine version", "instanceClass: db.t4g.micro", "instanceClass: db.t4g.micro\n  engineVersion: 15", []string{
		"database.engineVersion: must be 16 or 17, got 15",
	}},
	{"db: backup retention", "instanceClass: db.t4g.micro", "instanceClass: db.t4g.micro\n  backupRetentionDays: 36", []string{
		"database.backupRetentionDays: must be 1-35 days (a replica's source needs backups), got 36",
	}},
	{"db: instance class shape", "instanceClass: db.t4g.micro", "instanceClass: t4g-micro", []string{
		"database.instanceClass: \"t4g-micro\" is not an RDS instance class (db.<family>.<size>, for example db.r6g.large)",
	}},
	{"db: storage bounds", "maxAllocatedStorage: 100", "maxAllocatedStorage: 10", []string{
		"database.maxAllocatedStorage: must be between the allocated storage (20) and 65536 GiB, got 10",
	}},
	// flowlogs / monitoring / dashboards
	{"observability: retention", "flowLogRetentionDays: 30", "flowLogRetentionDays: 31", []string{
		"observability.flowLogRetentionDays: 31 is not a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)",
	}},
	{"observability: probe port", "flowLogRetentionDays: 30", "flowLogRetentionDays: 30\n  probePort: 70000", []string{
		"observability.probePort: applies only to TCP probes; remove it or set probeProtocol: TCP",
	}},
}

// TestBadInputCatalogue runs the real app binary on each bad config: it
// must exit non-zero, print every problem with its path, and leave the
// output directory untouched.
func TestBadInputCatalogue(t *testing.T) {
	if len(catalogue) < 25 {
		t.Fatalf("the catalogue has %d cases; keep at least 25", len(catalogue))
	}
	base, err := os.ReadFile("config/local.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "multiregion")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, c := range catalogue {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(string(base), c.old) {
				t.Fatalf("test bug: %q not in config/local.yaml", c.old)
			}
			dir := t.TempDir()
			cfg := filepath.Join(dir, "config.yaml")
			if err := os.WriteFile(cfg, []byte(strings.Replace(string(base), c.old, c.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			outdir := filepath.Join(dir, "cdktf.out")
			if err := os.MkdirAll(outdir, 0o755); err != nil {
				t.Fatal(err)
			}
			sentinel := filepath.Join(outdir, "previous-synth.json")
			if err := os.WriteFile(sentinel, []byte("{}"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin)
			cmd.Env = append(os.Environ(), "MULTIREGION_CONFIG="+cfg, "CDKTF_OUTDIR="+outdir,
				"MULTIREGION_ENDPOINT=http://127.0.0.1:4566", "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20")
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the app accepted the config; output:\n%s", out)
			}
			got := problemLines(string(out), cfg)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %#v\n  want: %#v", got, c.want)
			}
			entries, _ := os.ReadDir(outdir)
			if len(entries) != 1 || entries[0].Name() != "previous-synth.json" {
				t.Errorf("the output directory was touched: %v", entries)
			}
		})
	}
}

// problemLines extracts the reported problems, one per line, without the
// "error:" header and the indentation of a multi-problem report.
func problemLines(out, cfgPath string) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "", strings.HasPrefix(l, "error: config "), strings.HasSuffix(l, " problems:"):
			continue
		}
		lines = append(lines, strings.TrimPrefix(l, "error: "))
	}
	return lines
}
