package awsrules

import (
	"os"
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// check runs one rule on a fresh collector and returns its verdict and
// problems.
func check(rule func(p *validate.Problems) bool) (bool, []string) {
	p := validate.New("")
	ok := rule(p)
	return ok, p.List()
}

// expect fails unless the rule passed with no problem (want == "") or failed
// with exactly one problem containing want.
func expect(t *testing.T, ok bool, got []string, want string) {
	t.Helper()
	if want == "" {
		if !ok || len(got) != 0 {
			t.Errorf("want no problem, got ok=%v %q", ok, got)
		}
		return
	}
	if ok || len(got) != 1 || !strings.Contains(got[0], want) {
		t.Errorf("want one problem containing %q, got ok=%v %q", want, ok, got)
	}
}

func TestRegion(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"us-east-1", ""},
		{"eu-central-1", ""},
		{"us-gov-west-1", ""},
		{"cn-north-1", ""},
		{"", "Region: is required"},
		{"xx-nowhere-9", `Region: "xx-nowhere-9" is not an AWS region (known: af-south-1, ap-east-1,`},
		{"eu-west-9", `"eu-west-9" is not an AWS region (known: eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3)`},
		{"us-gov-west-9", `(known: us-gov-east-1, us-gov-west-1)`},
		{"US-EAST-1", "is not an AWS region"},
		{"us-east-1a", "is not an AWS region"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ok, got := check(func(p *validate.Problems) bool { return Region(p, "Region", tc.name) })
			expect(t, ok, got, tc.want)
		})
	}
}

func TestPartition(t *testing.T) {
	for region, want := range map[string]string{"us-east-1": "aws", "cn-northwest-1": "aws-cn", "us-gov-east-1": "aws-us-gov", "xx-nowhere-9": ""} {
		if got, ok := Partition(region); got != want || ok != (want != "") {
			t.Errorf("Partition(%q) = %q, %v; want %q", region, got, ok, want)
		}
	}
	if n := len(Regions()); n < 30 {
		t.Errorf("Regions() has %d names; the generated table looks truncated", n)
	}
}

func TestZone(t *testing.T) {
	for _, tc := range []struct{ region, zone, want string }{
		{"eu-central-1", "eu-central-1a", ""},
		{"", "us-west-2c", ""},
		{"eu-central-1", "us-west-2a", `Z: "us-west-2a" is a zone of us-west-2, not of eu-central-1`},
		{"eu-central-1", "eu-central-1", "is not an Availability Zone of eu-central-1 (want eu-central-1 followed by a zone letter"},
		{"us-west-2", "us-west-2-lax-1a", "Local Zones and zone IDs are not accepted"},
		{"eu-west-1", "euw1-az1", "is not an Availability Zone of eu-west-1"},
		{"", "xx-nowhere-9a", "is not an Availability Zone name"},
		{"", "us-east-1A", "is not an Availability Zone name"},
		{"", "", "Z: must not be empty"},
	} {
		t.Run(tc.region+"/"+tc.zone, func(t *testing.T) {
			ok, got := check(func(p *validate.Problems) bool { return Zone(p, "Z", tc.region, tc.zone) })
			expect(t, ok, got, tc.want)
		})
	}
}

func TestSameRegionZones(t *testing.T) {
	ok, got := check(func(p *validate.Problems) bool {
		return SameRegionZones(p, "AvailabilityZones", []string{"eu-west-1a", "bogus", "eu-west-1b"})
	})
	expect(t, ok, got, "")
	ok, got = check(func(p *validate.Problems) bool {
		return SameRegionZones(p, "AvailabilityZones", []string{"eu-west-1a", "eu-west-1b", "us-east-1c"})
	})
	expect(t, ok, got, `AvailabilityZones[2]: "us-east-1c" is in us-east-1 but AvailabilityZones[0] is in eu-west-1: all zones must be in one region`)
}

func TestTags(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) } // one character, two bytes
	for _, tc := range []struct {
		name string
		tags map[string]string
		want string
	}{
		{"fine", map[string]string{"team": "Net Ops", "cost-center": "4711", "path": "a/b=c+d@e:f_g.h", "ü": "ß", "empty": ""}, ""},
		{"key at limit", map[string]string{long(128): long(256)}, ""},
		{"empty key", map[string]string{"": "x"}, `Tags[""]: a tag key must not be empty`},
		{"long key", map[string]string{long(129): "x"}, "the key is 129 characters; AWS allows at most 128"},
		{"long value", map[string]string{"k": long(257)}, `Tags["k"]: the value is 257 characters; AWS allows at most 256`},
		{"key chars", map[string]string{"a*b": "x"}, `Tags["a*b"]: the key may hold only letters, digits, spaces and _ . : / = + - @`},
		{"value chars", map[string]string{"k": "a,b"}, `the value "a,b" may hold only`},
		{"aws prefix", map[string]string{"AWS:Owner": "x"}, `Tags["AWS:Owner"]: the key must not start with "aws:" (reserved by AWS)`},
		{"aws prefix value", map[string]string{"k": "Aws:x"}, `the value "Aws:x" must not start with "aws:"`},
		{"rds prefix", map[string]string{"rds:x": "y"}, `must not start with "rds:"`},
		{"aws without colon", map[string]string{"awsome": "y"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ok, got := check(func(p *validate.Problems) bool { return Tags(p, "Tags", tc.tags) })
			expect(t, ok, got, tc.want)
		})
	}
}

func TestTagCount(t *testing.T) {
	tags := map[string]string{}
	for i := 0; i < 46; i++ {
		tags[strings.Repeat("k", i+1)] = "v"
	}
	alongside := []string{"app", "environment", "managed-by", "Name"}
	ok, got := check(func(p *validate.Problems) bool { return Tags(p, "Tags", tags, alongside...) })
	expect(t, ok, got, "") // 46 + 4 = 50
	tags["k"+"x"] = "v"
	ok, got = check(func(p *validate.Problems) bool { return Tags(p, "Tags", tags, alongside...) })
	expect(t, ok, got, "Tags: 47 tags, with the 4 each resource carries besides these, make 51; AWS allows at most 50 per resource")
	// Keys differing only in case clash (IAM); the same key given both ways
	// is one tag.
	ok, got = check(func(p *validate.Problems) bool { return Tags(p, "Tags", map[string]string{"App": "x"}, "app", "Name") })
	expect(t, ok, got, `Tags["App"]: differs from the tag key "app" only in case; IAM treats keys case-insensitively`)
	ok, got = check(func(p *validate.Problems) bool { return Tags(p, "Tags", map[string]string{"app": "x"}, "app", "Name") })
	expect(t, ok, got, "")
	// A key given both ways counts once.
	ok, got = check(func(p *validate.Problems) bool { return Tags(p, "Tags", tags, "k", "kk", "kkk", "Name") })
	expect(t, ok, got, "")
}

func TestDNS(t *testing.T) {
	label63 := strings.Repeat("a", 63)
	for _, tc := range []struct {
		rule  func(*validate.Problems, string, string) bool
		value string
		want  string
	}{
		{DomainName, "example.com", ""},
		{DomainName, "app.example.co.uk.", ""},
		{DomainName, "Example.com", "is not a domain name"},
		{DomainName, "localhost", "is not a domain name"},
		{DomainName, "-a.example.com", "is not a domain name"},
		{DomainName, strings.Repeat(label63+".", 4) + "com", "is not a domain name"},
		{DNSLabel, "api", ""},
		{DNSLabel, label63, ""},
		{DNSLabel, label63 + "a", "is not a DNS label"},
		{DNSLabel, "api.", "is not a DNS label"},
		{DNSLabel, "a-", "is not a DNS label"},
		{HostedZoneID, "Z0123456789ABCDEFGHIJ", ""},
		{HostedZoneID, "z012", "is not a Route 53 hosted zone ID"},
		{BucketName, "my-state.bucket", ""},
		{BucketName, "ab", "use 3-63 lowercase"},
		{BucketName, "My-bucket", "use 3-63 lowercase"},
		{BucketName, "a..b", "no two adjacent dots"},
		{BucketName, "192.168.5.4", "must not look like an IP address"},
		{BucketName, "xn--bucket", "the prefix xn-- is reserved"},
		{BucketName, "bucket-s3alias", "the suffix -s3alias is reserved"},
	} {
		t.Run(tc.value, func(t *testing.T) {
			ok, got := check(func(p *validate.Problems) bool { return tc.rule(p, "F", tc.value) })
			expect(t, ok, got, tc.want)
		})
	}
}

// TestGeneratedTable checks the committed table is the generator's output
// and holds the regions the reference app and examples use.
func TestGeneratedTable(t *testing.T) {
	committed, err := os.ReadFile("regions_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(committed), "// Code generated by internal/genregions from botocore ") {
		t.Fatalf("regions_gen.go lacks its generated-code header")
	}
	for _, r := range []string{"us-east-1", "eu-central-1", "eu-west-1", "us-west-2", "ap-southeast-2"} {
		if p, _ := Partition(r); p != "aws" {
			t.Errorf("%s: partition %q, want aws", r, p)
		}
	}
}

func TestLogRetention(t *testing.T) {
	for _, tc := range []struct {
		days int
		want string
	}{
		{0, ""}, {1, ""}, {30, ""}, {3653, ""},
		{31, "Days: 31 is not a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or 0 to never expire)"},
		{-1, "Days: -1 is not a retention"},
		{3654, "Days: 3654 is not a retention"},
	} {
		ok, got := check(func(p *validate.Problems) bool { return LogRetention(p, "Days", tc.days) })
		expect(t, ok, got, tc.want)
	}
}
