package awsrules

import (
	"net/netip"
	"regexp"
	"strings"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

var (
	dnsLabel     = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	domainName   = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$`)
	hostedZoneID = regexp.MustCompile(`^Z[A-Z0-9]{1,31}$`)
	bucketName   = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
)

// maxDomainName is the longest name DNS carries (255 octets on the wire:
// 253 characters without the trailing dot).
const maxDomainName = 253

// DomainName records a problem under field unless name is a lowercase DNS
// name Route 53 can host (labels of letters, digits and hyphens, a
// letters-only top-level label, 253 characters at most; a trailing dot is
// allowed).
func DomainName(p *validate.Problems, field, name string) bool {
	if !domainName.MatchString(name) || len(strings.TrimSuffix(name, ".")) > maxDomainName {
		p.Addf(field, "%q is not a domain name (lowercase labels of letters, digits and hyphens, e.g. example.com)", name)
		return false
	}
	return true
}

// DNSLabel records a problem under field unless label is one lowercase DNS
// label: 1-63 letters, digits or hyphens, not starting or ending with one.
func DNSLabel(p *validate.Problems, field, label string) bool {
	if !dnsLabel.MatchString(label) {
		p.Addf(field, "%q is not a DNS label (1-63 lowercase letters, digits or hyphens, not starting or ending with a hyphen)", label)
		return false
	}
	return true
}

// HostedZoneID records a problem under field unless id has the form of a
// Route 53 hosted-zone ID ("Z" and up to 31 capitals or digits).
func HostedZoneID(p *validate.Problems, field, id string) bool {
	if !hostedZoneID.MatchString(id) {
		p.Addf(field, "%q is not a Route 53 hosted zone ID (e.g. Z0123456789ABCDEFGHIJ)", id)
		return false
	}
	return true
}

// bucketAffixes are the prefixes and suffixes S3 reserves.
var (
	bucketPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	bucketSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// BucketName records a problem under field unless name follows S3's
// general-purpose bucket naming rules: 3-63 lowercase letters, digits,
// dots and hyphens, starting and ending with a letter or digit, no two
// adjacent dots, not shaped like an IPv4 address, none of S3's reserved
// prefixes and suffixes.
func BucketName(p *validate.Problems, field, name string) bool {
	bad := func(why string) bool {
		p.Addf(field, "%q is not an S3 bucket name: %s", name, why)
		return false
	}
	if !bucketName.MatchString(name) {
		return bad("use 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit")
	}
	if strings.Contains(name, "..") {
		return bad("no two adjacent dots")
	}
	if _, err := netip.ParseAddr(name); err == nil {
		return bad("it must not look like an IP address")
	}
	for _, pre := range bucketPrefixes {
		if strings.HasPrefix(name, pre) {
			return bad("the prefix " + pre + " is reserved")
		}
	}
	for _, suf := range bucketSuffixes {
		if strings.HasSuffix(name, suf) {
			return bad("the suffix " + suf + " is reserved")
		}
	}
	return true
}
