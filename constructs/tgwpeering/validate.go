package tgwpeering

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"

	"github.com/multiregion-iac/multiregion/internal/cidr"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

var (
	regionName = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$`)
	clientName = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	// meshName prefixes Terraform output names, which must be identifiers.
	meshName = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_-]{0,39}$`)
)

// awsReservedAsns are ASNs AWS keeps for itself in some regions; a customer
// gateway may not use them.
var awsReservedAsns = map[int]bool{7224: true, 9059: true, 10124: true, 17943: true}

// TransitGatewayAsnProblem returns why asn cannot be a Transit Gateway's
// Amazon-side ASN, or "" when it can.
func TransitGatewayAsnProblem(asn int) string {
	if (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294) {
		return ""
	}
	return fmt.Sprintf("%d is outside the private ASN ranges 64512-65534 and 4200000000-4294967294", asn)
}

// ClientAsnProblem returns why asn cannot be a customer gateway's BGP ASN,
// or "" when it can (0 means static routing and is accepted).
func ClientAsnProblem(asn int) string {
	switch {
	case asn == 0:
		return ""
	case asn < 1 || asn > 4294967294:
		return fmt.Sprintf("%d is outside 1-4294967294 (use 0 for static routing)", asn)
	case awsReservedAsns[asn]:
		return fmt.Sprintf("%d is reserved by AWS", asn)
	}
	return ""
}

// ClientNameProblem returns why name cannot name a client, or "".
func ClientNameProblem(name string) string {
	if clientName.MatchString(name) {
		return ""
	}
	return fmt.Sprintf("%q must be 1-63 lowercase letters, digits or hyphens, not starting or ending with a hyphen", name)
}

// PublicIPv4Problem returns why s cannot be a customer gateway address
// (AWS needs a static public IPv4 address), or "".
func PublicIPv4Problem(s string) string {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return fmt.Sprintf("%q is not an IPv4 address", s)
	}
	if a.IsPrivate() || a.IsLoopback() || a.IsUnspecified() || a.IsLinkLocalUnicast() || a.IsMulticast() ||
		netip.MustParsePrefix("100.64.0.0/10").Contains(a) || a == netip.AddrFrom4([4]byte{255, 255, 255, 255}) {
		return fmt.Sprintf("%q must be a public IPv4 address", s)
	}
	return ""
}

// named is a CIDR with the field that declared it, for overlap messages.
type named struct {
	field  string
	prefix netip.Prefix
}

// validate reports every problem of defaulted props.
func (p Props) validate(probs *validate.Problems) {
	if !meshName.MatchString(p.Name) {
		probs.Addf("Name", "%q must be 1-40 letters, digits, hyphens or underscores, starting with a letter", p.Name)
	}
	if len(p.Regions) == 0 {
		probs.Addf("Regions", "at least one region is required")
	}
	var cidrs []named
	regionIndex := map[string]int{}
	asns := map[int]string{}
	for i, r := range p.Regions {
		at := fmt.Sprintf("Regions[%d]", i)
		switch {
		case !regionName.MatchString(r.Name):
			probs.Addf(at+".Name", "%q is not an AWS region name", r.Name)
		case hasKey(regionIndex, r.Name):
			probs.Addf(at+".Name", "%q is already used by Regions[%d]", r.Name, regionIndex[r.Name])
		default:
			regionIndex[r.Name] = i
		}
		if r.Stack == nil {
			probs.Addf(at+".Stack", "is required")
		}
		if r.Network == nil {
			probs.Addf(at+".Network", "is required")
		} else if pre, err := cidr.Parse(r.Network.Cidr); err != nil {
			probs.Addf(at+".Network", "%v", err)
		} else {
			cidrs = addCidr(probs, cidrs, named{at + ".Network", pre})
		}
		if msg := TransitGatewayAsnProblem(r.AmazonSideAsn); msg != "" {
			probs.Addf(at+".AmazonSideAsn", "%s", msg)
		} else if other, dup := asns[r.AmazonSideAsn]; dup {
			probs.Addf(at+".AmazonSideAsn", "%d is already used by %s", r.AmazonSideAsn, other)
		} else {
			asns[r.AmazonSideAsn] = at + ".AmazonSideAsn"
		}
	}
	p.validateClients(probs, regionIndex, asns, cidrs)
}

func (p Props) validateClients(probs *validate.Problems, regionIndex map[string]int, asns map[int]string, cidrs []named) {
	names := map[string]int{}
	for i, c := range p.Clients {
		at := fmt.Sprintf("Clients[%d]", i)
		if msg := ClientNameProblem(c.Name); msg != "" {
			probs.Addf(at+".Name", "%s", msg)
		} else if j, dup := names[c.Name]; dup {
			probs.Addf(at+".Name", "%q is already used by Clients[%d]", c.Name, j)
		} else {
			names[c.Name] = i
		}
		if !hasKey(regionIndex, c.Region) {
			probs.Addf(at+".Region", "%q is not one of the mesh's regions (%s)", c.Region, strings.Join(p.regionNames(), ", "))
		}
		if msg := PublicIPv4Problem(c.CustomerGatewayIP); msg != "" {
			probs.Addf(at+".CustomerGatewayIP", "%s", msg)
		}
		if msg := ClientAsnProblem(c.BgpAsn); msg != "" {
			probs.Addf(at+".BgpAsn", "%s", msg)
		} else if other, dup := asns[c.BgpAsn]; dup && c.BgpAsn != 0 {
			probs.Addf(at+".BgpAsn", "%d is already used by %s", c.BgpAsn, other)
		} else if c.BgpAsn != 0 {
			asns[c.BgpAsn] = at + ".BgpAsn"
		}
		if len(c.Cidrs) == 0 {
			probs.Addf(at+".Cidrs", "at least one CIDR is required")
		}
		for k, s := range c.Cidrs {
			field := fmt.Sprintf("%s.Cidrs[%d]", at, k)
			pre, err := cidr.Parse(s)
			if err != nil {
				probs.Addf(field, "%v", err)
				continue
			}
			cidrs = addCidr(probs, cidrs, named{field, pre})
		}
	}
}

// addCidr reports n overlapping any earlier CIDR and returns the list with n.
func addCidr(probs *validate.Problems, seen []named, n named) []named {
	for _, s := range seen {
		if s.prefix.Overlaps(n.prefix) {
			probs.Addf(n.field, "%s overlaps %s %s", n.prefix, s.field, s.prefix)
		}
	}
	return append(seen, n)
}

func (p Props) regionNames() []string {
	out := make([]string, len(p.Regions))
	for i, r := range p.Regions {
		out[i] = r.Name
	}
	return out
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}
