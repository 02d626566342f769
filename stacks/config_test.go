package stacks

import (
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// validYAML is a complete, valid config; cases edit it with replace.
const validYAML = `
app: shop
environment: test
regions:
  - name: us-east-1
    role: primary
    cidr: 10.10.0.0/16
  - name: us-west-2
    role: secondary
    cidr: 10.20.0.0/16
dns:
  zoneName: shop.example.com
backend:
  type: local
  path: /tmp/multiregion-test-state
`

func TestParseValid(t *testing.T) {
	cfg, err := Parse([]byte(validYAML))
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string][2]any{
		"activeRegion defaults to the primary": {cfg.ActiveRegion, "us-east-1"},
		"azCount defaults to 2":                {cfg.Regions[1].AzCount, 2},
		"natGateways defaults to none":         {cfg.Regions[0].NatGateways, "none"},
		"global region defaults to us-east-1":  {cfg.Global.Region, "us-east-1"},
		"record name defaults to api":          {cfg.DNS.RecordName, "api"},
	}
	for what, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s: got %v, want %v", what, c[0], c[1])
		}
	}
}

func TestParseS3BackendDefaults(t *testing.T) {
	cfg, err := Parse([]byte(strings.Replace(validYAML, "  type: local\n  path: /tmp/multiregion-test-state", "  type: s3\n  bucket: shop-state\n  region: eu-central-1", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Backend.KeyPrefix != "shop" || cfg.Backend.Locking != "lockfile" {
		t.Errorf("s3 defaults: keyPrefix %q locking %q, want shop and lockfile", cfg.Backend.KeyPrefix, cfg.Backend.Locking)
	}
}

func TestParseInvalid(t *testing.T) {
	t.Setenv("MULTIREGION_TEST_UNSET", "")
	cases := []struct {
		name    string
		old     string // replaced in validYAML (first occurrence)
		new     string
		want    []string // every problem, in order
		rawYAML string   // used instead of validYAML when set
	}{
		{name: "cidr prefix too long", old: "10.20.0.0/16", new: "10.0.0.0/33",
			want: []string{`regions[1].cidr: "10.0.0.0/33" is not a valid IPv4 CIDR`}},
		{name: "cidr host bits", old: "10.20.0.0/16", new: "10.20.1.0/16",
			want: []string{`regions[1].cidr: "10.20.1.0/16" has host bits set; use "10.20.0.0/16"`}},
		{name: "overlapping cidrs", old: "10.20.0.0/16", new: "10.10.128.0/17",
			want: []string{`regions[1].cidr: 10.10.128.0/17 overlaps regions[0].cidr 10.10.0.0/16`}},
		{name: "unknown top-level key", old: "environment: test", new: "environment: test\nenviroment: typo",
			want: []string{`enviroment: unknown key (known keys: activeRegion, app, backend, clientSummaries, clients, database, dns, environment, global, globalAccelerator, loadBalancer, observability, regions, tags)`}},
		{name: "unknown region key", old: "    role: secondary", new: "    role: secondary\n    cidrs: 10.0.0.0/8",
			want: []string{`regions[1].cidrs: unknown key (known keys: availabilityZones, azCount, cidr, endpoint, name, natGateways, role, transitGatewayAsn)`}},
		{name: "azCount not a number", old: "    role: secondary", new: "    role: secondary\n    azCount: two",
			want: []string{`regions[1].azCount: must be a whole number, got "two"`}},
		{name: "azCount out of range", old: "    role: secondary", new: "    role: secondary\n    azCount: 4",
			want: []string{`regions[1].azCount: must be 2 or 3, got 4`}},
		{name: "bad role", old: "role: secondary", new: "role: standby",
			want: []string{`regions[1].role: must be "primary" or "secondary", got "standby"`}},
		{name: "two primaries", old: "role: secondary", new: "role: primary",
			want: []string{`regions: exactly one region must have role "primary", got 2`}},
		{name: "duplicate region", old: "name: us-west-2", new: "name: us-east-1",
			want: []string{`regions[1].name: "us-east-1" is already used by regions[0]`}},
		{name: "bad region name", old: "name: us-west-2", new: "name: uswest2",
			want: []string{`regions[1].name: "uswest2" is not an AWS region name`}},
		{name: "one region", old: "  - name: us-west-2\n    role: secondary\n    cidr: 10.20.0.0/16\n", new: "",
			want: []string{`regions: at least two regions are required, got 1`}},
		{name: "active region unknown", old: "environment: test", new: "environment: test\nactiveRegion: eu-west-1",
			want: []string{`activeRegion: "eu-west-1" is not one of the regions`}},
		{name: "bad app name", old: "app: shop", new: "app: Shop_App",
			want: []string{`app: "Shop_App" must be 2-20 lowercase letters, digits or hyphens, starting with a letter`}},
		{name: "missing environment", old: "environment: test", new: "",
			want: []string{`environment: is required`}},
		{name: "bad nat mode", old: "    role: secondary", new: "    role: secondary\n    natGateways: many",
			want: []string{`regions[1].natGateways: must be "none", "single" or "per-az", got "many"`}},
		{name: "bad endpoint", old: "    role: secondary", new: "    role: secondary\n    endpoint: localhost:4566",
			want: []string{`regions[1].endpoint: "localhost:4566" must be an http(s) URL`}},
		{name: "unset env var", old: "    role: secondary", new: "    role: secondary\n    endpoint: ${MULTIREGION_TEST_UNSET}",
			want: []string{`regions[1].endpoint: environment variable MULTIREGION_TEST_UNSET is not set`}},
		{name: "bad zone name", old: "zoneName: shop.example.com", new: "zoneName: not a domain",
			want: []string{`dns.zoneName: "not a domain" is not a domain name`}},
		{name: "bad backend type", old: "type: local", new: "type: consul",
			want: []string{`backend.type: must be "local" or "s3", got "consul"`}},
		{name: "s3 backend missing bucket and region", old: "  type: local\n  path: /tmp/multiregion-test-state", new: "  type: s3",
			want: []string{`backend.bucket: "" is not an S3 bucket name`, `backend.region: "" is not an AWS region name`}},
		{name: "dynamodb locking without table", old: "  type: local\n  path: /tmp/multiregion-test-state", new: "  type: s3\n  bucket: shop-state\n  region: eu-central-1\n  locking: dynamodb",
			want: []string{`backend.dynamodbTable: is required when locking is dynamodb`}},
		{name: "availability zones mismatch", old: "    role: secondary", new: "    role: secondary\n    availabilityZones: [us-west-2a]",
			want: []string{`regions[1].availabilityZones: has 1 zones but azCount is 2`}},
		{name: "regions not a list", rawYAML: "app: shop\nenvironment: t\nregions: us-east-1\ndns: {zoneName: a.com}\n",
			want: []string{`regions: must be a list`}},
		{name: "several problems at once", old: "10.20.0.0/16", new: "10.0.0.0/33\n    azCount: 5\n    colour: blue",
			want: []string{
				`regions[1].colour: unknown key (known keys: availabilityZones, azCount, cidr, endpoint, name, natGateways, role, transitGatewayAsn)`,
			}},
		{name: "several value problems at once", old: "10.20.0.0/16", new: "10.0.0.0/33\n    azCount: 5",
			want: []string{
				`regions[1].cidr: "10.0.0.0/33" is not a valid IPv4 CIDR`,
				`regions[1].azCount: must be 2 or 3, got 5`,
			}},
		{name: "empty file", rawYAML: "\n", want: []string{`the file is empty`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := c.rawYAML
			if src == "" {
				if !strings.Contains(validYAML, c.old) {
					t.Fatalf("test bug: %q not in validYAML", c.old)
				}
				src = strings.Replace(validYAML, c.old, c.new, 1)
			}
			_, err := Parse([]byte(src))
			got := validate.Lines(err)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}
