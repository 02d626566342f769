package network

import (
	"fmt"
	"net/netip"
	"sort"

	"github.com/multiregion-iac/multiregion/internal/awsrules"
	"github.com/multiregion-iac/multiregion/internal/cidr"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Tier names, used in Name tags and construct IDs.
const (
	TierPublic   = "public"
	TierPrivate  = "private"
	TierDatabase = "database"
)

var tierOrder = []string{TierPublic, TierPrivate, TierDatabase}

// Layout is the computed subnet plan: for each tier, one CIDR per AZ.
type Layout struct {
	Vpc     netip.Prefix
	Subnets map[string][]netip.Prefix
}

// smallest subnet AWS accepts, and the VPC size limits this construct allows
// (AWS allows /16-/28, but a VPC smaller than /24 cannot hold three tiers
// over two AZs with /28s to spare for growth).
const (
	minSubnetPrefix = 28
	minVpcPrefix    = 16
	maxVpcPrefix    = 24
)

// validateZones checks Region and each pinned zone against AWS's naming:
// zones of Region when it is given, else zones of one region.
func (p Props) validateZones(probs *validate.Problems) {
	region := ""
	if p.Region != "" && awsrules.Region(probs, "Region", p.Region) {
		region = p.Region
	}
	seen := map[string]bool{}
	for i, az := range p.AvailabilityZones {
		field := fmt.Sprintf("AvailabilityZones[%d]", i)
		if awsrules.Zone(probs, field, region, az) && seen[az] {
			probs.Addf(field, "%q is listed twice", az)
		}
		seen[az] = true
	}
	if region == "" {
		awsrules.SameRegionZones(probs, "AvailabilityZones", p.AvailabilityZones)
	}
}

// validate checks props and returns the subnet layout; problems are added to
// probs and the layout is only meaningful when probs stays empty.
func (p Props) validate(probs *validate.Problems) Layout {
	var layout Layout
	if p.AzCount < 2 || p.AzCount > 3 {
		probs.Addf("AzCount", "must be 2 or 3, got %d", p.AzCount)
	}
	if len(p.AvailabilityZones) > 0 && len(p.AvailabilityZones) != p.AzCount {
		probs.Addf("AvailabilityZones", "has %d zones but AzCount is %d", len(p.AvailabilityZones), p.AzCount)
	}
	p.validateZones(probs)
	switch p.NatGateways {
	case NatNone, NatSingle, NatPerAz:
	default:
		probs.Addf("NatGateways", "must be %q, %q or %q, got %q", NatNone, NatSingle, NatPerAz, p.NatGateways)
	}
	vpc, err := cidr.Parse(p.Cidr)
	if err != nil {
		probs.Addf("Cidr", "%v", err)
		return layout
	}
	if vpc.Bits() < minVpcPrefix || vpc.Bits() > maxVpcPrefix {
		probs.Addf("Cidr", "%s: the VPC prefix must be between /%d and /%d", vpc, minVpcPrefix, maxVpcPrefix)
		return layout
	}
	bits := map[string]int{TierPublic: p.PublicSubnetBits, TierPrivate: p.PrivateSubnetBits, TierDatabase: p.DatabaseSubnetBits}
	fields := map[string]string{TierPublic: "PublicSubnetBits", TierPrivate: "PrivateSubnetBits", TierDatabase: "DatabaseSubnetBits"}
	sizesOK := true
	for _, tier := range tierOrder {
		prefix := vpc.Bits() + bits[tier]
		if bits[tier] < 1 || prefix > minSubnetPrefix {
			probs.Addf(fields[tier], "%d gives /%d subnets in %s; AWS subnets must be /%d or larger", bits[tier], prefix, vpc, minSubnetPrefix)
			sizesOK = false
		}
	}
	if !sizesOK || probs.Len() > 0 {
		return layout
	}
	layout, err = pack(vpc, p.AzCount, bits)
	if err != nil {
		probs.Addf("Cidr", "%v", err)
	}
	return layout
}

// pack places every subnet at the lowest aligned free address, largest
// subnets first (ties in tier order), so the plan is compact and stable.
func pack(vpc netip.Prefix, azCount int, bits map[string]int) (Layout, error) {
	type want struct {
		tier string
		az   int
		bits int
	}
	var wants []want
	for _, tier := range tierOrder {
		for az := 0; az < azCount; az++ {
			wants = append(wants, want{tier, az, bits[tier]})
		}
	}
	sort.SliceStable(wants, func(i, j int) bool { return wants[i].bits < wants[j].bits })

	layout := Layout{Vpc: vpc, Subnets: map[string][]netip.Prefix{}}
	for _, tier := range tierOrder {
		layout.Subnets[tier] = make([]netip.Prefix, azCount)
	}
	next := uint64(0) // offset in addresses from the VPC base
	size := uint64(1) << uint(32-vpc.Bits())
	for _, w := range wants {
		block := uint64(1) << uint(32-vpc.Bits()-w.bits)
		next = (next + block - 1) / block * block
		if next+block > size {
			return Layout{}, fmt.Errorf("%s is too small for %d AZs x 3 tiers with these subnet sizes (public +%d, private +%d, database +%d bits)",
				vpc, azCount, bits[TierPublic], bits[TierPrivate], bits[TierDatabase])
		}
		sub, err := cidr.Subnet(vpc, vpc.Bits()+w.bits, int(next/block))
		if err != nil {
			return Layout{}, err
		}
		layout.Subnets[w.tier][w.az] = sub
		next += block
	}
	return layout, nil
}
