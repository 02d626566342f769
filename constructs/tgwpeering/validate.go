package tgwpeering

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/multiregion-iac/multiregion/internal/awsrules"
	"github.com/multiregion-iac/multiregion/internal/cidr"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

var (
	clientName = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	// meshName prefixes Name tags.
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

// namedPrefix is a CIDR with the field that declared it, for overlap
// messages.
type namedPrefix struct {
	Field  string
	Prefix netip.Prefix
}

// maxRoutesPerRouteTable is AWS's hard limit on the non-propagated routes
// of a VPC route table (the default quota is 50).
const maxRoutesPerRouteTable = 1000

// validate reports every problem of defaulted props.
func (p Props) validate(probs *validate.Problems) {
	if !meshName.MatchString(p.Name) {
		probs.Addf("Name", "%q must be 1-40 letters, digits, hyphens or underscores, starting with a letter", p.Name)
	}
	awsrules.AccountID(probs, "AccountId", p.AccountId) // every peering attachment names it as the peer account
	if len(p.Regions) == 0 {
		probs.Addf("Regions", "at least one region is required")
	}
	if len(p.Regions) > 1 && p.PairStack == nil {
		probs.Addf("PairStack", "is required with two regions or more: each peering lives in its own stack, with a provider per side")
	}
	var cidrs []namedPrefix
	regionIndex := map[string]int{}
	regionNames := make([]string, len(p.Regions))
	asns := map[int]string{}
	for i, r := range p.Regions {
		at := fmt.Sprintf("Regions[%d]", i)
		regionNames[i] = r.Name
		switch {
		case !awsrules.Region(probs, at+".Name", r.Name):
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
			cidrs = addCidr(probs, cidrs, namedPrefix{at + ".Network", pre})
		}
		claimTransitGatewayAsn(probs, at+".AmazonSideAsn", r.AmazonSideAsn, asns)
	}
	validateClients(probs, p.Clients, p.ClientSummaries, regionNames, asns, cidrs)
	if !p.DisableTunnelLogs {
		awsrules.LogRetention(probs, "TunnelLogRetentionDays", *p.TunnelLogRetentionDays)
	}
}

// claimTransitGatewayAsn reports asn when it cannot be a Transit Gateway's
// ASN or is already in asns (ASN to the field that claimed it), and
// otherwise claims it for field.
func claimTransitGatewayAsn(probs *validate.Problems, field string, asn int, asns map[int]string) {
	claimAsn(probs, field, asn, TransitGatewayAsnProblem(asn), asns)
}

// validateClients reports every problem of clients and summaries (see
// Props.ClientSummaries): names, regions (one of regions), gateway
// addresses, BGP ASNs (unique among themselves and asns, the ASNs already
// claimed), CIDRs (not overlapping each other nor cidrs, the CIDRs already
// claimed; inside a summary when there are summaries), and the routes each
// VPC route table would need.
func validateClients(probs *validate.Problems, clients []Client, summaries []string, regions []string, asns map[int]string, cidrs []namedPrefix) {
	pools := validateSummaries(probs, summaries, cidrs)
	names := map[string]int{}
	clientRoutes := 0
	for i, c := range clients {
		at := fmt.Sprintf("Clients[%d].", i)
		if msg := ClientNameProblem(c.Name); msg != "" {
			probs.Addf(at+"Name", "%s", msg)
		} else if j, dup := names[c.Name]; dup {
			probs.Addf(at+"Name", "%q is already used by Clients[%d]", c.Name, j)
		} else {
			names[c.Name] = i
		}
		if !slices.Contains(regions, c.Region) {
			probs.Addf(at+"Region", "%q is not one of the mesh's regions (%s)", c.Region, strings.Join(regions, ", "))
		}
		if msg := PublicIPv4Problem(c.CustomerGatewayIP); msg != "" {
			probs.Addf(at+"CustomerGatewayIP", "%s", msg)
		}
		if c.BgpAsn != 0 { // 0 is static routing, valid for any number of clients
			claimAsn(probs, at+"BgpAsn", c.BgpAsn, ClientAsnProblem(c.BgpAsn), asns)
		}
		if len(c.Cidrs) == 0 {
			probs.Addf(at+"Cidrs", "at least one CIDR is required")
		}
		clientRoutes += len(c.Cidrs)
		for k, s := range c.Cidrs {
			field := fmt.Sprintf("%sCidrs[%d]", at, k)
			pre, err := cidr.Parse(s)
			if err != nil {
				probs.Addf(field, "%v", err)
				continue
			}
			cidrs = addCidr(probs, cidrs, namedPrefix{field, pre})
			if len(pools) > 0 && !slices.ContainsFunc(pools, func(p netip.Prefix) bool { return p.Contains(pre.Addr()) && p.Bits() <= pre.Bits() }) {
				probs.Addf(field, "%s is outside every ClientSummaries entry (%s)", pre, strings.Join(summaries, ", "))
			}
		}
	}
	if len(summaries) > 0 {
		clientRoutes = len(summaries)
	}
	// Each private route table: the other regions, the clients, and the
	// network's own default route.
	if routes := len(regions) - 1 + clientRoutes + 1; routes > maxRoutesPerRouteTable {
		probs.Addf("ClientSummaries", "each private route table would need %d routes, more than the %d AWS allows (50 by default): summarize the %d client networks in a few pools", routes, maxRoutesPerRouteTable, clientRoutes)
	}
}

// validateSummaries checks the client summaries (valid, not overlapping
// each other or the regions' cidrs) and returns the valid ones.
func validateSummaries(probs *validate.Problems, summaries []string, cidrs []namedPrefix) []netip.Prefix {
	var pools []netip.Prefix
	var seen []namedPrefix
	for i, s := range summaries {
		field := fmt.Sprintf("ClientSummaries[%d]", i)
		pre, err := cidr.Parse(s)
		if err != nil {
			probs.Addf(field, "%v", err)
			continue
		}
		for _, r := range cidrs {
			if r.Prefix.Overlaps(pre) {
				probs.Addf(field, "%s overlaps %s %s", pre, r.Field, r.Prefix)
			}
		}
		seen = addCidr(probs, seen, namedPrefix{field, pre})
		pools = append(pools, pre)
	}
	return pools
}

// claimAsn reports asn's problem msg (if any) or its earlier claim in asns,
// and otherwise claims it for field.
func claimAsn(probs *validate.Problems, field string, asn int, msg string, asns map[int]string) {
	if msg != "" {
		probs.Addf(field, "%s", msg)
	} else if other, dup := asns[asn]; dup {
		probs.Addf(field, "%d is already used by %s", asn, other)
	} else {
		asns[asn] = field
	}
}

// addCidr reports n overlapping any earlier CIDR and returns the list with n.
func addCidr(probs *validate.Problems, seen []namedPrefix, n namedPrefix) []namedPrefix {
	for _, s := range seen {
		if s.Prefix.Overlaps(n.Prefix) {
			probs.Addf(n.Field, "%s overlaps %s %s", n.Prefix, s.Field, s.Prefix)
		}
	}
	return append(seen, n)
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}
