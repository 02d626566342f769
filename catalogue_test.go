package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/stacks"
)

// badInput is one entry of the bad-input catalogue: one mistake made
// through the YAML front-end (an edit of config/local.yaml) and, unless it
// is a mistake only a file can hold, the same mistake through the Go API
// (an edit of the parsed Config), with every problem the app must report.
type badInput struct {
	name     string
	old, new string               // replaced once in config/local.yaml
	edit     func(*stacks.Config) // nil: a YAML-only class (unknown key, type, ${ENV}, written 0)
	want     []string             // "Go path|YAML path: message"; {Go|YAML} inside a message
}

// secondEdit is a second YAML replacement, for mistakes in two places.
var secondEdit = map[string][2]string{
	"all at once: a region's network and a part": {"masterUsername: dbadmin", "masterUsername: admin"},
	"all at once: a stack's tags and a part":     {"masterUsername: dbadmin", "masterUsername: admin"},
}

// catalogue covers the spec, every construct through the spec field that
// feeds it, and the classes of AWS rules (names, tags, zones, zeros).
var catalogue = []badInput{
	// YAML only
	{"yaml: unknown key", "environment: local", "environment: local\nenvirnment: x", nil, []string{
		"|envirnment: unknown key (known keys: accountId, activeRegion, app, backend, clientSummaries, clients, database, disableTunnelLogs, dns, endpoint, environment, global, globalAccelerator, globalDatabase, loadBalancer, observability, regions, tags, tunnelLogRetentionDays)",
	}},
	{"yaml: not a number", "cidr: 10.20.0.0/16", "cidr: 10.20.0.0/16\n    azCount: two", nil, []string{
		`|regions[1].azCount: must be a whole number, got "two"`,
	}},
	{"yaml: unset environment variable", "  path: state", "  path: ${MULTIREGION_TEST_UNSET}", nil, []string{
		"|backend.path: environment variable MULTIREGION_TEST_UNSET is not set",
	}},
	{"yaml: a written 0 that would become the default", "healthCheckFailureThreshold: 3", "healthCheckFailureThreshold: 0", nil, []string{
		"|dns.healthCheckFailureThreshold: 0 is not a value this key takes; leave the key out for the default",
	}},
	// the spec (the composition's own rules)
	{"spec: app name", "app: shop", "app: Shop_App", func(c *stacks.Config) { c.App = "Shop_App" }, []string{
		`App|app: "Shop_App" must be 2-20 lowercase letters, digits or hyphens, starting with a letter`,
	}},
	{"spec: environment missing", "environment: local\n", "", func(c *stacks.Config) { c.Environment = "" }, []string{
		"Environment|environment: is required",
	}},
	{"spec: account id", `accountId: "123456789012"`, `accountId: "12345"`, func(c *stacks.Config) { c.AccountId = "12345" }, []string{
		`AccountId|accountId: "12345" is not a 12-digit AWS account ID (us-east-1)`,
	}},
	{"spec: state bucket in an app region", "backend:\n  type: local\n  path: state", "backend:\n  type: s3\n  bucket: shop-state\n  region: us-west-2",
		func(c *stacks.Config) {
			c.Backend = stacks.Backend{Type: "s3", Bucket: "shop-state", Region: "us-west-2"}
		}, []string{
			`Backend.Region|backend.region: "us-west-2" is one of the app's regions: its outage would take the state bucket that the other regions' failover deploys read; keep the bucket in a region of its own`,
		}},
	{"spec: two primaries", "role: secondary", "role: primary", func(c *stacks.Config) { c.Regions[1].Role = stacks.RolePrimary }, []string{
		`Regions|regions: exactly one region must have role "primary", got 2`,
	}},
	{"spec: bad role", "role: secondary", "role: standby", func(c *stacks.Config) { c.Regions[1].Role = "standby" }, []string{
		`Regions[1].Role|regions[1].role: must be "primary" or "secondary", got "standby"`,
	}},
	{"spec: duplicate region", "name: us-west-2", "name: us-east-1", func(c *stacks.Config) { c.Regions[1].Name = "us-east-1" }, []string{
		`Regions[1].Name|regions[1].name: "us-east-1" is already used by {Regions[0]|regions[0]}`,
	}},
	{"spec: unknown active region", "environment: local", "environment: local\nactiveRegion: eu-west-1", func(c *stacks.Config) { c.ActiveRegion = "eu-west-1" }, []string{
		`ActiveRegion|activeRegion: "eu-west-1" is not one of the regions`,
	}},
	{"spec: endpoint", "endpoint: ${MULTIREGION_ENDPOINT}", "endpoint: localhost:4566", func(c *stacks.Config) { c.Regions[0].Endpoint = "localhost:4566" }, []string{
		`Regions[0].Endpoint|regions[0].endpoint: "localhost:4566" must be an http(s) URL`,
	}},
	{"spec: backend type", "  type: local", "  type: consul", func(c *stacks.Config) { c.Backend.Type = "consul" }, []string{
		`Backend.Type|backend.type: must be "local" or "s3", got "consul" (us-east-1)`,
	}},
	{"spec: s3 backend without bucket and region", "  type: local\n  path: state", "  type: s3", func(c *stacks.Config) { c.Backend = stacks.Backend{Type: "s3"} }, []string{
		`Backend.Bucket|backend.bucket: "" is not an S3 bucket name: use 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit (us-east-1)`,
		`Backend.Region|backend.region: is required (an AWS region such as us-east-1) (us-east-1)`,
	}},
	{"spec: certificate for a region that is not one", "protocol: TCP", "protocol: TCP\n  certificateArns: {eu-west-3: arn:aws:acm:eu-west-3:123456789012:certificate/abc}", func(c *stacks.Config) {
		c.LoadBalancer.CertificateArns = map[string]string{"eu-west-3": "arn:aws:acm:eu-west-3:123456789012:certificate/abc"}
	}, []string{
		`LoadBalancer.CertificateArns["eu-west-3"]|loadBalancer.certificateArns.eu-west-3: is not one of the regions`,
	}},
	{"spec: negative drop threshold", "flowLogRetentionDays: 30", "flowLogRetentionDays: 30\n  tgwDropThresholdPackets: -1", func(c *stacks.Config) { c.Observability.TgwDropThresholdPackets = -1 }, []string{
		"Observability.TgwDropThresholdPackets|observability.tgwDropThresholdPackets: must be 0 or more, got -1",
	}},
	{"spec: the writer retired", "skipFinalSnapshot: true", "skipFinalSnapshot: true\n  retired: [us-east-1]", func(c *stacks.Config) { c.Database.Retired = []string{"us-east-1"} }, []string{
		`Database.Retired[0]|database.retired[0]: "us-east-1" is the active region; the writer cannot be retired`,
	}},
	{"spec: generation of an unknown region", "skipFinalSnapshot: true", "skipFinalSnapshot: true\n  generations: {eu-west-1: 2}", func(c *stacks.Config) { c.Database.Generations = map[string]int{"eu-west-1": 2} }, []string{
		`Database.Generations["eu-west-1"]|database.generations.eu-west-1: "eu-west-1" is not one of the regions`,
	}},
	{"spec: failover without retiring the first writer", "environment: local", "environment: local\nactiveRegion: us-west-2", func(c *stacks.Config) { c.ActiveRegion = "us-west-2" }, []string{
		`Database.Retired|database.retired: us-west-2 is active, so us-east-1's first instance (created as the writer) must be listed here: RDS cannot turn a writer into a replica. Later raise {Database.Generations["us-east-1"]|database.generations.us-east-1} to 2 to rebuild it as a replica (docs/runbook.md)`,
	}},
	// the region stack (stacks.NewStack)
	{"stack: region name", "name: us-west-2", "name: uswest2", func(c *stacks.Config) { c.Regions[1].Name = "uswest2" }, []string{
		`Regions[1].Name|regions[1].name: "uswest2" is not an AWS region (known: af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, me-south-1, mx-central-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2) (uswest2)`,
	}},
	{"stack: a region that does not exist", "name: us-west-2", "name: eu-west-9", func(c *stacks.Config) { c.Regions[1].Name = "eu-west-9" }, []string{
		`Regions[1].Name|regions[1].name: "eu-west-9" is not an AWS region (known: eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3) (eu-west-9)`,
	}},
	{"stack: global region that does not exist", "  region: us-east-1\n  endpoint", "  region: us-central-1\n  endpoint", func(c *stacks.Config) { c.Global.Region = "us-central-1" }, []string{
		`Global.Region|global.region: must be us-east-1: Route 53 health-check metrics exist only there and the global stack alarms on them, got "us-central-1"`,
	}},
	{"stack: tag too long", "  owner: platform-team", "  owner: " + strings.Repeat("x", 257), func(c *stacks.Config) { c.Tags["owner"] = strings.Repeat("x", 257) }, []string{
		`Tags["owner"]|tags.owner: the value is 257 characters; AWS allows at most 256 (us-east-1)`,
	}},
	{"stack: reserved tag prefix", "  owner: platform-team", "  aws:owner: platform-team", func(c *stacks.Config) { c.Tags["aws:owner"] = "platform-team"; delete(c.Tags, "owner") }, []string{
		`Tags["aws:owner"]|tags.aws:owner: the key must not start with "aws:" (reserved by AWS) (us-east-1)`,
	}},
	{"stack: tag keys differing only in case", "  owner: platform-team", "  owner: platform-team\n  Owner: ops", func(c *stacks.Config) { c.Tags["Owner"] = "ops" }, []string{
		`Tags["owner"]|tags.owner: differs from the tag key "Owner" only in case; IAM treats keys case-insensitively (us-east-1)`,
	}},
	{"stack: too many tags for one resource", "  owner: platform-team", "  owner: platform-team\n" + manyTags("  t%02d: x\n", 45), func(c *stacks.Config) {
		for i := range 45 {
			c.Tags[fmt.Sprintf("t%02d", i)] = "x"
		}
	}, []string{
		"Tags|tags: 50 tags, with the 2 each resource carries besides these, make 52; AWS allows at most 50 per resource (us-east-1)",
	}},
	// network
	{"network: cidr", "cidr: 10.20.0.0/16", "cidr: 10.20.0.0/33", func(c *stacks.Config) { c.Regions[1].Cidr = "10.20.0.0/33" }, []string{
		`Regions[1].Cidr|regions[1].cidr: "10.20.0.0/33" is not a valid IPv4 CIDR (us-west-2/network)`,
	}},
	{"network: cidr host bits", "cidr: 10.20.0.0/16", "cidr: 10.20.1.0/16", func(c *stacks.Config) { c.Regions[1].Cidr = "10.20.1.0/16" }, []string{
		`Regions[1].Cidr|regions[1].cidr: "10.20.1.0/16" has host bits set; use "10.20.0.0/16" (us-west-2/network)`,
	}},
	{"network: subnets too small for the VPC", "cidr: 10.20.0.0/16", "cidr: 10.20.0.0/24", func(c *stacks.Config) { c.Regions[1].Cidr = "10.20.0.0/24" }, []string{
		"Regions[1].Cidr|regions[1].cidr: 5 gives /29 subnets in 10.20.0.0/24; AWS subnets must be /28 or larger (us-west-2/network)",
	}},
	{"network: az count", "cidr: 10.20.0.0/16\n    azCount: 2", "cidr: 10.20.0.0/16\n    azCount: 4", func(c *stacks.Config) { c.Regions[1].AzCount = 4 }, []string{
		"Regions[1].AzCount|regions[1].azCount: must be 2 or 3, got 4 (us-west-2/network)",
	}},
	{"network: nat mode", "role: secondary", "role: secondary\n    natGateways: lots", func(c *stacks.Config) { c.Regions[1].NatGateways = "lots" }, []string{
		`Regions[1].NatGateways|regions[1].natGateways: must be "none", "single" or "per-az", got "lots" (us-west-2/network)`,
	}},
	{"network: zones and count disagree", "role: secondary", "role: secondary\n    availabilityZones: [us-west-2a]", func(c *stacks.Config) { c.Regions[1].AvailabilityZones = []string{"us-west-2a"} }, []string{
		"Regions[1].AvailabilityZones|regions[1].availabilityZones: has 1 zones but {Regions[1].AzCount|regions[1].azCount} is 2 (us-west-2/network)",
	}},
	{"network: a zone of another region", "role: secondary", "role: secondary\n    availabilityZones: [eu-central-1a, eu-central-1b]", func(c *stacks.Config) {
		c.Regions[1].AvailabilityZones = []string{"eu-central-1a", "eu-central-1b"}
	}, []string{
		`Regions[1].AvailabilityZones[0]|regions[1].availabilityZones[0]: "eu-central-1a" is a zone of eu-central-1, not of us-west-2 (us-west-2/network)`,
		`Regions[1].AvailabilityZones[1]|regions[1].availabilityZones[1]: "eu-central-1b" is a zone of eu-central-1, not of us-west-2 (us-west-2/network)`,
	}},
	// tgwpeering
	{"mesh: overlapping regions", "cidr: 10.20.0.0/16", "cidr: 10.10.0.0/16", func(c *stacks.Config) { c.Regions[1].Cidr = "10.10.0.0/16" }, []string{
		"Regions[1].Cidr|regions[1].cidr: 10.10.0.0/16 overlaps {Regions[0].Cidr|regions[0].cidr} 10.10.0.0/16 (mesh)",
	}},
	{"mesh: client in an unknown region", "    region: us-west-2\n", "    region: eu-west-3\n", func(c *stacks.Config) { c.Clients[2].Region = "eu-west-3" }, []string{
		`Clients[2].Region|clients[2].region: "eu-west-3" is not one of the mesh's regions (us-east-1, us-west-2) (mesh)`,
	}},
	{"mesh: tunnel log retention", "\nclients:\n", "\ntunnelLogRetentionDays: 45\nclients:\n", func(c *stacks.Config) { c.TunnelLogRetentionDays = new(45) }, []string{
		"TunnelLogRetentionDays|tunnelLogRetentionDays: 45 is not a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or 0 to never expire) (mesh)",
	}},
	{"mesh: client network outside the summaries", "\nclients:\n", "\nclientSummaries: [172.16.0.0/12]\nclients:\n", func(c *stacks.Config) { c.ClientSummaries = []string{"172.16.0.0/12"} }, []string{
		"Clients[1].Cidrs[0]|clients[1].cidrs[0]: 192.168.0.0/22 is outside every {ClientSummaries|clientSummaries} entry (172.16.0.0/12) (mesh)",
		"Clients[1].Cidrs[1]|clients[1].cidrs[1]: 192.168.8.0/24 is outside every {ClientSummaries|clientSummaries} entry (172.16.0.0/12) (mesh)",
	}},
	{"mesh: duplicate client", "name: initech", "name: acme-hq", func(c *stacks.Config) { c.Clients[2].Name = "acme-hq" }, []string{
		`Clients[2].Name|clients[2].name: "acme-hq" is already used by {Clients[0]|clients[0]} (mesh)`,
	}},
	{"mesh: client network overlaps a region", "cidrs: [172.20.0.0/20]", "cidrs: [10.20.5.0/24]", func(c *stacks.Config) { c.Clients[2].Cidrs = []string{"10.20.5.0/24"} }, []string{
		"Clients[2].Cidrs[0]|clients[2].cidrs[0]: 10.20.5.0/24 overlaps {Regions[1].Cidr|regions[1].cidr} 10.20.0.0/16 (mesh)",
	}},
	{"mesh: private customer gateway", "customerGatewayIp: 192.0.2.30", "customerGatewayIp: 10.1.2.3", func(c *stacks.Config) { c.Clients[2].CustomerGatewayIP = "10.1.2.3" }, []string{
		`Clients[2].CustomerGatewayIP|clients[2].customerGatewayIp: "10.1.2.3" must be a public IPv4 address (mesh)`,
	}},
	{"mesh: tgw asn out of range", "role: secondary", "role: secondary\n    transitGatewayAsn: 100", func(c *stacks.Config) { c.Regions[1].TransitGatewayAsn = 100 }, []string{
		"Regions[1].TransitGatewayAsn|regions[1].transitGatewayAsn: 100 is outside the private ASN ranges 64512-65534 and 4200000000-4294967294 (mesh)",
	}},
	{"mesh: client asn equals a tgw asn", "bgpAsn: 65020", "bgpAsn: 64512", func(c *stacks.Config) { c.Clients[2].BgpAsn = 64512 }, []string{
		"Clients[2].BgpAsn|clients[2].bgpAsn: 64512 is already used by {Regions[0].TransitGatewayAsn|regions[0].transitGatewayAsn} (mesh)",
	}},
	// failovernlb
	{"nlb: port out of range", "ports: [443]", "ports: [443, 70000]", func(c *stacks.Config) { c.LoadBalancer.Ports = []int{443, 70000} }, []string{
		"LoadBalancer.Ports[1]|loadBalancer.ports[1]: must be 1-65535, got 70000 (us-east-1/entry)",
	}},
	{"nlb: tls without certificates", "protocol: TCP\n  targetPort", "protocol: TLS\n  targetPort", func(c *stacks.Config) { c.LoadBalancer.Protocol = "TLS" }, []string{
		`LoadBalancer.CertificateArns["us-east-1"]|loadBalancer.certificateArns.us-east-1: is required when {LoadBalancer.Protocol|loadBalancer.protocol} is TLS (us-east-1/entry)`,
		`LoadBalancer.CertificateArns["us-west-2"]|loadBalancer.certificateArns.us-west-2: is required when {LoadBalancer.Protocol|loadBalancer.protocol} is TLS (us-west-2/entry)`,
	}},
	{"nlb: health check interval", "intervalSeconds: 10", "intervalSeconds: 400", func(c *stacks.Config) { c.LoadBalancer.HealthCheck.IntervalSeconds = 400 }, []string{
		"LoadBalancer.HealthCheck.IntervalSeconds|loadBalancer.healthCheck.intervalSeconds: must be 5-300, got 400 (us-east-1/entry)",
	}},
	{"nlb: path on a tcp check", "unhealthyThreshold: 2", "unhealthyThreshold: 2\n    path: /health", func(c *stacks.Config) { c.LoadBalancer.HealthCheck.Path = "/health" }, []string{
		"LoadBalancer.HealthCheck.Path|loadBalancer.healthCheck.path: applies only to HTTP and HTTPS checks, but {LoadBalancer.Protocol|loadBalancer.protocol} is TCP (us-east-1/entry)",
	}},
	{"nlb: route 53 interval", "healthCheckIntervalSeconds: 10", "healthCheckIntervalSeconds: 20", func(c *stacks.Config) { c.DNS.HealthCheckIntervalSeconds = 20 }, []string{
		"DNS.HealthCheckIntervalSeconds|dns.healthCheckIntervalSeconds: Route 53 supports only 10 or 30, got 20 (global/failover)",
	}},
	{"nlb: failure threshold", "healthCheckFailureThreshold: 3", "healthCheckFailureThreshold: 11", func(c *stacks.Config) { c.DNS.HealthCheckFailureThreshold = 11 }, []string{
		"DNS.HealthCheckFailureThreshold|dns.healthCheckFailureThreshold: must be 1-10, got 11 (global/failover)",
	}},
	{"nlb: zone name", "zoneName: shop.example.internal", "zoneName: not a domain", func(c *stacks.Config) { c.DNS.ZoneName = "not a domain" }, []string{
		`DNS.ZoneName|dns.zoneName: "not a domain" is not a domain name (lowercase labels of letters, digits and hyphens, e.g. example.com) (global/failover)`,
	}},
	{"nlb: routing control cluster ARN", "healthCheckFailureThreshold: 3", "healthCheckFailureThreshold: 3\n  routingControl:\n    enabled: true\n    clusterArn: arn:aws:route53:::cluster/x",
		func(c *stacks.Config) {
			c.DNS.RoutingControl = stacks.RoutingControl{Enabled: true, ClusterArn: "arn:aws:route53:::cluster/x"}
		}, []string{
			`DNS.RoutingControl.ClusterArn|dns.routingControl.clusterArn: "arn:aws:route53:::cluster/x" is not an ARC cluster ARN (arn:aws:route53-recovery-control::<account>:cluster/<id>) (global/failover)`,
		}},
	{"nlb: routing control name", "healthCheckFailureThreshold: 3", "healthCheckFailureThreshold: 3\n  routingControl:\n    enabled: true\n    name: shop prod",
		func(c *stacks.Config) { c.DNS.RoutingControl = stacks.RoutingControl{Enabled: true, Name: "shop prod"} }, []string{
			`DNS.RoutingControl.Name|dns.routingControl.name: "shop prod" must be 1-48 characters without whitespace (ARC names are at most 64 with the suffixes added) (global/failover)`,
		}},
	{"nlb: a cluster without routing control", "healthCheckFailureThreshold: 3", "healthCheckFailureThreshold: 3\n  routingControl:\n    clusterArn: arn:aws:route53-recovery-control::123456789012:cluster/0a1b",
		func(c *stacks.Config) {
			c.DNS.RoutingControl.ClusterArn = "arn:aws:route53-recovery-control::123456789012:cluster/0a1b"
		}, []string{
			`DNS.RoutingControl.ClusterArn|dns.routingControl.clusterArn: is set but {DNS.RoutingControl.Enabled|dns.routingControl.enabled} is false (global/failover)`,
		}},
	// replicatedpostgres
	{"db: reserved username admin", "masterUsername: dbadmin", "masterUsername: admin", func(c *stacks.Config) { c.Database.MasterUsername = "admin" }, []string{
		`Database.MasterUsername|database.masterUsername: "admin" is reserved by RDS for PostgreSQL; choose another name (us-east-1/database)`,
	}},
	{"db: reserved username rdsadmin", "masterUsername: dbadmin", "masterUsername: rdsadmin", func(c *stacks.Config) { c.Database.MasterUsername = "rdsadmin" }, []string{
		`Database.MasterUsername|database.masterUsername: "rdsadmin" is reserved by RDS for PostgreSQL; choose another name (us-east-1/database)`,
	}},
	{"db: monitoring interval", "monitoringInterval: 60", "monitoringInterval: 45", func(c *stacks.Config) { c.Database.MonitoringInterval = new(45) }, []string{
		"Database.MonitoringInterval|database.monitoringInterval: must be 1, 5, 10, 15, 30 or 60 seconds, got 45 (us-east-1/database)",
	}},
	{"db: retired engine version", "instanceClass: db.t4g.micro", "instanceClass: db.t4g.micro\n  engineVersion: 15", func(c *stacks.Config) { c.Database.EngineVersion = 15 }, []string{
		"Database.EngineVersion|database.engineVersion: must be 16 or 17, got 15 (us-east-1/database)",
	}},
	{"db: backup retention", "backupRetentionDays: 7", "backupRetentionDays: 36", func(c *stacks.Config) { c.Database.BackupRetentionDays = new(36) }, []string{
		"Database.BackupRetentionDays|database.backupRetentionDays: must be 1-35 days (a replica's source needs backups), got 36 (us-east-1/database)",
	}},
	{"db: instance class", "instanceClass: db.t4g.micro", "instanceClass: t4g-micro", func(c *stacks.Config) { c.Database.InstanceClass = "t4g-micro" }, []string{
		`Database.InstanceClass|database.instanceClass: "t4g-micro" is not an RDS instance class (db.<family>.<size>, for example db.r6g.large) (us-east-1/database)`,
	}},
	{"db: no backups (a written 0)", "backupRetentionDays: 7", "backupRetentionDays: 0", func(c *stacks.Config) { c.Database.BackupRetentionDays = new(0) }, []string{
		"Database.BackupRetentionDays|database.backupRetentionDays: 0 turns automated backups off, and RDS creates no replica from a source without them: use 1-35 days (us-east-1/database)",
	}},
	{"db: storage ceiling", "maxAllocatedStorage: 100", "maxAllocatedStorage: 10", func(c *stacks.Config) { c.Database.MaxAllocatedStorage = new(10) }, []string{
		"Database.MaxAllocatedStorage|database.maxAllocatedStorage: must be between the allocated storage (20) and 65536 GiB, got 10 (us-east-1/database)",
	}},
	{"db: open to every address", "instanceClass: db.t4g.micro", "instanceClass: db.t4g.micro\n  allowedCidrs: [0.0.0.0/0]", func(c *stacks.Config) { c.Database.AllowedCidrs = []string{"0.0.0.0/0"} }, []string{
		"Database.AllowedCidrs[0]|database.allowedCidrs[0]: 0.0.0.0/0 opens the database to every address; list the application's subnets (us-east-1/database)",
	}},
	{"db: credentials version", "credentialsVersion: 1", "credentialsVersion: -1", func(c *stacks.Config) { c.Database.CredentialsVersion = -1 }, []string{
		"Database.CredentialsVersion|database.credentialsVersion: must be 1 or more, got -1 (us-east-1/database)",
	}},
	{"db: secret recovery window", "secretRecoveryWindowDays: 0", "secretRecoveryWindowDays: 5", func(c *stacks.Config) { c.Database.SecretRecoveryWindowDays = new(5) }, []string{
		"Database.SecretRecoveryWindowDays|database.secretRecoveryWindowDays: must be 0 (delete at once) or 7-30 days, as Secrets Manager allows; got 5 (us-east-1/database)",
	}},
	{"db: backup replication retention", "retentionDays: 7", "retentionDays: 36", func(c *stacks.Config) { c.Database.BackupReplication.RetentionDays = new(36) }, []string{
		"Database.BackupReplication.RetentionDays|database.backupReplication.retentionDays: must be 1-35 days, got 36 (us-west-2/database)",
	}},
	{"db: backup replication region", "retentionDays: 7", "retentionDays: 7\n    region: eu-west-9", func(c *stacks.Config) { c.Database.BackupReplication.Region = "eu-west-9" }, []string{
		`Database.BackupReplication.Region|database.backupReplication.region: "eu-west-9" is not one of the regions`,
	}},
	{"db: cpu alarm threshold", "singleAz: true", "singleAz: true\n  healthAlarms: {cpuPercent: 100}", func(c *stacks.Config) { c.Database.HealthAlarms.CPUPercent = 100 }, []string{
		"Database.HealthAlarms.CPUPercent|database.healthAlarms.cpuPercent: must be 1-99 (percent), got 100 (us-east-1/database)",
	}},
	{"db: class of unknown memory", "instanceClass: db.t4g.micro", "instanceClass: db.x2g.large", func(c *stacks.Config) { c.Database.InstanceClass = "db.x2g.large" }, []string{
		`Database.HealthAlarms.InstanceMemoryGiB|database.healthAlarms.instanceMemoryGiB: is required: the memory of {Database.InstanceClass|database.instanceClass} "db.x2g.large" is not known to the construct (us-east-1/database)`,
	}},
	// flowlogs, monitoring, clientdashboards
	{"observability: retention", "flowLogRetentionDays: 30", "flowLogRetentionDays: 31", func(c *stacks.Config) { c.Observability.FlowLogRetentionDays = new(31) }, []string{
		"Observability.FlowLogRetentionDays|observability.flowLogRetentionDays: 31 is not a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or 0 to never expire) (us-east-1/flowlogs)",
	}},
	{"observability: probe port on icmp", "probeProtocol: ICMP", "probeProtocol: ICMP\n  probePort: 7000", func(c *stacks.Config) { c.Observability.ProbePort = 7000 }, []string{
		"Observability.ProbePort|observability.probePort: applies only to TCP probes; remove it or set {Observability.ProbeProtocol|observability.probeProtocol}: TCP (us-east-1/client-dashboards)",
	}},
	{"observability: alarm e-mail", "flowLogRetentionDays: 30", "flowLogRetentionDays: 30\n  alarmEmails: [oncall]", func(c *stacks.Config) { c.Observability.AlarmEmails = []string{"oncall"} }, []string{
		`Observability.AlarmEmails[0]|observability.alarmEmails[0]: "oncall" is not an e-mail address (us-east-1/monitoring)`,
	}},
	{"all at once: a region's network and a part", "cidr: 10.20.0.0/16", "cidr: 10.20.0.0/33", func(c *stacks.Config) {
		c.Regions[1].Cidr, c.Database.MasterUsername = "10.20.0.0/33", "admin"
	}, []string{
		`Regions[1].Cidr|regions[1].cidr: "10.20.0.0/33" is not a valid IPv4 CIDR (us-west-2/network)`,
		`Database.MasterUsername|database.masterUsername: "admin" is reserved by RDS for PostgreSQL; choose another name (us-east-1/database)`,
	}},
	{"all at once: a stack's tags and a part", "  owner: platform-team", "  aws:owner: platform-team", func(c *stacks.Config) {
		c.Tags["aws:owner"] = "platform-team"
		delete(c.Tags, "owner")
		c.Database.MasterUsername = "admin"
	}, []string{
		`Tags["aws:owner"]|tags.aws:owner: the key must not start with "aws:" (reserved by AWS) (us-east-1)`,
		`Database.MasterUsername|database.masterUsername: "admin" is reserved by RDS for PostgreSQL; choose another name (us-east-1/database)`,
	}},
	// the Aurora global database (the "gdb:" cases replace the database section with globalDatabaseYAML)
	{"spec: both database kinds", "# Flow logs, per-client", "globalDatabase:\n  instanceClass: db.r6g.large\n# Flow logs, per-client", func(c *stacks.Config) {
		c.GlobalDatabase = &stacks.GlobalDatabase{InstanceClass: "db.r6g.large"}
	}, []string{
		"GlobalDatabase|globalDatabase: choose one database: {Database|database} (RDS PostgreSQL with read replicas) or {GlobalDatabase|globalDatabase} (Aurora global database), not both",
	}},
	{"gdb: engine version without global database support", "instanceClass: db.r6g.large", "instanceClass: db.r6g.large\n  engineVersion: \"16.0\"", gdb(func(g *stacks.GlobalDatabase) { g.EngineVersion = "16.0" }), []string{
		`GlobalDatabase.EngineVersion|globalDatabase.engineVersion: "16.0": Aurora PostgreSQL global databases need 16.1 or later (us-east-1/global-database)`,
	}},
	{"gdb: major version out of standard support", "instanceClass: db.r6g.large", "instanceClass: db.r6g.large\n  engineVersion: \"13.9\"", gdb(func(g *stacks.GlobalDatabase) { g.EngineVersion = "13.9" }), []string{
		`GlobalDatabase.EngineVersion|globalDatabase.engineVersion: "13.9": Aurora PostgreSQL 13 has no global database support in standard support; use 14.3+, 15.2+, 16.1+ or 17.4+ (us-east-1/global-database)`,
	}},
	{"gdb: burstable instance class", "instanceClass: db.r6g.large", "instanceClass: db.t4g.medium", gdb(func(g *stacks.GlobalDatabase) { g.InstanceClass = "db.t4g.medium" }), []string{
		`GlobalDatabase.InstanceClass|globalDatabase.instanceClass: "db.t4g.medium" is a burstable class: Aurora global databases do not support db.t classes; use a memory-optimized one such as db.r6g.large (us-east-1/database)`,
	}},
	{"gdb: instance class Aurora PostgreSQL does not offer", "instanceClass: db.r6g.large", "instanceClass: db.m6g.large", gdb(func(g *stacks.GlobalDatabase) { g.InstanceClass = "db.m6g.large" }), []string{
		`GlobalDatabase.InstanceClass|globalDatabase.instanceClass: "db.m6g.large": Aurora PostgreSQL global databases run on the db.r5, db.r6g, db.r6i, db.r7g, db.r7i, db.r8g, db.x2g families (us-east-1/database)`,
	}},
	{"gdb: headless writer", "instances: {us-west-2: 1}", "instances: {us-east-1: 0}", gdb(func(g *stacks.GlobalDatabase) { g.Instances = map[string]int{"us-east-1": 0} }), []string{
		`GlobalDatabase.Instances["us-east-1"]|globalDatabase.instances.us-east-1: is 0 in the writer's region us-east-1: the writer needs at least one instance (a headless cluster can only be a secondary) (us-east-1/database)`,
	}},
	{"gdb: instances of an unknown region", "instances: {us-west-2: 1}", "instances: {eu-west-9: 1}", gdb(func(g *stacks.GlobalDatabase) { g.Instances = map[string]int{"eu-west-9": 1} }), []string{
		`GlobalDatabase.Instances["eu-west-9"]|globalDatabase.instances.eu-west-9: "eu-west-9" is not one of the regions`,
	}},
	// all at once: the spec's, a region's and a part's problems in one run
	{"all at once", "masterUsername: dbadmin", "masterUsername: admin\n  retired: [eu-west-9]", func(c *stacks.Config) {
		c.Database.MasterUsername, c.Database.Retired = "admin", []string{"eu-west-9"}
	}, []string{
		`Database.Retired[0]|database.retired[0]: "eu-west-9" is not one of the regions`,
		`Database.MasterUsername|database.masterUsername: "admin" is reserved by RDS for PostgreSQL; choose another name (us-east-1/database)`,
	}},
}

// globalDatabaseYAML replaces config/local.yaml's database section in the
// "gdb:" cases; gdb makes the same change through the Go API.
const globalDatabaseYAML = "globalDatabase:\n  instanceClass: db.r6g.large\n  instances: {us-west-2: 1}\n  secretRecoveryWindowDays: 0\n  disableDeletionProtection: true\n  skipFinalSnapshot: true\n"

func withGlobalDatabase(t *testing.T, src string) string {
	start, end := strings.Index(src, "\ndatabase:\n"), strings.Index(src, "\n# Flow logs")
	if start < 0 || end < start {
		t.Fatal("test bug: no database section followed by the observability comment in config/local.yaml")
	}
	return src[:start+1] + globalDatabaseYAML + src[end+1:]
}

func gdb(edit func(*stacks.GlobalDatabase)) func(*stacks.Config) {
	return func(c *stacks.Config) {
		c.Database = nil
		c.GlobalDatabase = &stacks.GlobalDatabase{
			InstanceClass: "db.r6g.large", Instances: map[string]int{"us-west-2": 1}, SecretRecoveryWindowDays: new(0),
			DisableDeletionProtection: true, SkipFinalSnapshot: true,
		}
		edit(c.GlobalDatabase)
	}
}

// manyTags repeats a YAML tag line for n numbered keys.
func manyTags(format string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// TestBadInputCatalogue makes each mistake through both front-ends, in
// one jsii runtime: the YAML file must report every problem by YAML path,
// the Go API the same problems by Go field path, and neither may build.
func TestBadInputCatalogue(t *testing.T) {
	if len(catalogue) < 40 {
		t.Fatalf("the catalogue has %d cases; keep at least 40", len(catalogue))
	}
	t.Setenv("MULTIREGION_ENDPOINT", "http://127.0.0.1:4566")
	base, err := os.ReadFile("config/local.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range catalogue {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.yaml")
			src := string(base)
			if strings.HasPrefix(c.name, "gdb: ") {
				src = withGlobalDatabase(t, src)
			}
			if !strings.Contains(src, c.old) {
				t.Fatalf("test bug: %q not in the config", c.old)
			}
			src = strings.Replace(src, c.old, c.new, 1)
			if e, ok := secondEdit[c.name]; ok {
				src = strings.Replace(src, e[0], e[1], 1)
			}
			if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := stacks.NewFromFile(newApp(t), path)
			compare(t, "YAML", problemLines(err), c.want, 1)
			if c.edit == nil {
				return
			}
			cfg, err := stacks.LoadFile("config/local.yaml")
			if err != nil {
				t.Fatal(err)
			}
			c.edit(cfg)
			_, err = stacks.New(newApp(t), *cfg)
			compare(t, "Go", problemLines(err), c.want, 0)
		})
	}
}

func newApp(t *testing.T) cdktf.App {
	return cdktf.NewApp(&cdktf.AppConfig{Outdir: jsii.String(t.TempDir())})
}

// compare checks got against want rendered for one front-end (side 0: Go
// paths, 1: YAML paths).
func compare(t *testing.T, front string, got, want []string, side int) {
	t.Helper()
	var rendered []string
	for _, w := range want {
		field, msg, _ := strings.Cut(w, ": ")
		field = strings.Split(field, "|")[side]
		line := render(msg, side)
		if field != "" {
			line = field + ": " + line
		}
		rendered = append(rendered, line)
	}
	if strings.Join(got, "\n") != strings.Join(rendered, "\n") {
		t.Errorf("%s front-end, problems:\n  got:  %#v\n  want: %#v", front, got, rendered)
	}
}

// render picks one side of every {Go|YAML} pair in msg.
func render(msg string, side int) string {
	var b strings.Builder
	for {
		i := strings.Index(msg, "{")
		j := strings.Index(msg, "}")
		if i < 0 || j < i {
			return b.String() + msg
		}
		b.WriteString(msg[:i])
		b.WriteString(strings.Split(msg[i+1:j], "|")[side])
		msg = msg[j+1:]
	}
}

// problemLines is every reported problem, one per line, without the
// "config ... is invalid:" and "N problems:" headers.
func problemLines(err error) []string {
	if err == nil {
		return nil
	}
	var lines []string
	for _, l := range strings.Split(err.Error(), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "config ") && strings.HasSuffix(l, " is invalid:") || strings.HasSuffix(l, " problems:") {
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

// TestBadInputWritesNothing runs the real app binary on a bad file (one
// mistake the front-end finds, one a construct finds): it must exit
// non-zero, print the problem, and leave the output directory untouched.
func TestBadInputWritesNothing(t *testing.T) {
	base, err := os.ReadFile("config/local.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "multiregion")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, c := range []struct{ old, new, want string }{
		{"environment: local", "environment: local\nenvirnment: x", "envirnment: unknown key"},
		{"cidr: 10.20.0.0/16", "cidr: 10.20.0.0/33", `regions[1].cidr: "10.20.0.0/33" is not a valid IPv4 CIDR (us-west-2/network)`},
	} {
		dir := t.TempDir()
		cfg := filepath.Join(dir, "config.yaml")
		if err := os.WriteFile(cfg, []byte(strings.Replace(string(base), c.old, c.new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		outdir := filepath.Join(dir, "cdktf.out")
		sentinel := filepath.Join(outdir, "previous-synth.json")
		if err := os.MkdirAll(outdir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(sentinel, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin)
		cmd.Env = append(os.Environ(), "MULTIREGION_CONFIG="+cfg, "CDKTF_OUTDIR="+outdir,
			"MULTIREGION_ENDPOINT=http://127.0.0.1:4566", "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20")
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), c.want) {
			t.Errorf("%s: err %v, output:\n%s", c.new, err, out)
		}
		if entries, _ := os.ReadDir(outdir); len(entries) != 1 || entries[0].Name() != "previous-synth.json" {
			t.Errorf("%s: the output directory was touched: %v", c.new, entries)
		}
	}
}
