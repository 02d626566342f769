package awsrules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// AWS's tagging limits (Tagging AWS resources, "Tag naming limits and
// requirements"), which the services a default tag reaches share.
const (
	MaxTags        = 50  // user tags per resource; aws: tags do not count
	MaxTagKeyLen   = 128 // Unicode characters
	MaxTagValueLen = 256 // Unicode characters
)

// tagChars is the character set every tagging service accepts: letters,
// digits and spaces representable in UTF-8, and _ . : / = + - @. (EC2 alone
// accepts more; a default tag also reaches IAM, KMS, RDS, Logs and SNS.)
var tagChars = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// reservedTagPrefixes are refused, case-insensitively, at the start of keys
// and values: aws: by every service, rds: by RDS (a default tag reaches
// the database instances, parameter groups and subnet groups).
var reservedTagPrefixes = []string{"aws:", "rds:"}

// Tags records problems under field["key"] for each tag AWS would refuse,
// for a key that differs from another (or from one in alongside) only in
// case, which IAM refuses on a role or policy, and under field when the
// tags, together with the keys in alongside (the tags a resource carries
// besides these, such as the provider's default tags or a construct's Name
// tag), exceed MaxTags on one resource.
func Tags(p *validate.Problems, field string, tags map[string]string, alongside ...string) bool {
	ok := true
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !tag(p, fmt.Sprintf("%s[%q]", field, k), k, tags[k]) {
			ok = false
		}
	}
	all := map[string]bool{}
	folded := map[string]string{}
	for _, k := range append(alongside, keys...) {
		if other, clash := folded[strings.ToLower(k)]; clash && other != k {
			p.Addf(fmt.Sprintf("%s[%q]", field, k), "differs from the tag key %q only in case; IAM treats keys case-insensitively", other)
			ok = false
		}
		folded[strings.ToLower(k)] = k
		all[k] = true
	}
	if len(all) > MaxTags {
		p.Addf(field, "%d tags, with the %d each resource carries besides these, make %d; AWS allows at most %d per resource",
			len(tags), len(all)-len(tags), len(all), MaxTags)
		ok = false
	}
	return ok
}

// tag checks one tag's key and value; it records at most one problem.
func tag(p *validate.Problems, field, key, value string) bool {
	switch n := utf8.RuneCountInString(key); {
	case n == 0:
		p.Addf(field, "a tag key must not be empty")
	case n > MaxTagKeyLen:
		p.Addf(field, "the key is %d characters; AWS allows at most %d", n, MaxTagKeyLen)
	case !tagChars.MatchString(key):
		p.Addf(field, "the key may hold only letters, digits, spaces and _ . : / = + - @")
	case reservedPrefix(key) != "":
		p.Addf(field, "the key must not start with %q (reserved by AWS)", reservedPrefix(key))
	case utf8.RuneCountInString(value) > MaxTagValueLen:
		p.Addf(field, "the value is %d characters; AWS allows at most %d", utf8.RuneCountInString(value), MaxTagValueLen)
	case !tagChars.MatchString(value):
		p.Addf(field, "the value %q may hold only letters, digits, spaces and _ . : / = + - @", value)
	case reservedPrefix(value) != "":
		p.Addf(field, "the value %q must not start with %q (reserved by AWS)", value, reservedPrefix(value))
	default:
		return true
	}
	return false
}

func reservedPrefix(s string) string {
	for _, pre := range reservedTagPrefixes {
		if len(s) >= len(pre) && strings.EqualFold(s[:len(pre)], pre) {
			return pre
		}
	}
	return ""
}
