package awsrules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

type partition struct {
	Name          string
	RegionPattern string
}

// Regions returns every known AWS region name, sorted.
func Regions() []string {
	out := make([]string, 0, len(regions))
	for name := range regions {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Partition returns the partition of a known region ("aws", "aws-cn",
// "aws-us-gov", ...) and whether the region is known.
func Partition(region string) (string, bool) {
	p, ok := regions[region]
	return p, ok
}

// Region records a problem under field unless name is a known AWS region.
// An empty name is reported as missing.
func Region(p *validate.Problems, field, name string) bool {
	if name == "" {
		p.Addf(field, "is required (an AWS region such as us-east-1)")
		return false
	}
	if _, ok := regions[name]; ok {
		return true
	}
	p.Addf(field, "%q is not an AWS region (known: %s)", name, strings.Join(likelyRegions(name), ", "))
	return false
}

// likelyRegions lists the regions of the partition whose naming pattern name
// follows (so "us-gov-west-9" lists GovCloud's), else the commercial ones;
// only those sharing name's first part ("eu-" for "eu-west-9") when any do.
func likelyRegions(name string) []string {
	want := "aws"
	for _, part := range partitions {
		if regexp.MustCompile(part.RegionPattern).MatchString(name) {
			want = part.Name
			break
		}
	}
	var all, near []string
	first, _, _ := strings.Cut(name, "-")
	for _, r := range Regions() {
		if regions[r] != want {
			continue
		}
		all = append(all, r)
		if strings.HasPrefix(r, first+"-") {
			near = append(near, r)
		}
	}
	if len(near) > 0 {
		return near
	}
	return all
}

// Zone records a problem under field unless zone is an Availability Zone
// name of region: the region's name followed by one zone letter
// ("eu-central-1a"). Whether that letter exists in the account is only
// known to AWS. Local Zones ("us-west-2-lax-1a"), Wavelength Zones and zone
// IDs ("euw1-az1") are refused: the constructs lay out subnets over a
// region's standard zones, and subnets take zone names.
//
// With an empty region (a construct that does not know its region), zone
// must be a zone name of some known region; use SameRegionZones to check a
// list against itself.
func Zone(p *validate.Problems, field, region, zone string) bool {
	if zone == "" {
		p.Addf(field, "must not be empty")
		return false
	}
	of, ok := ZoneRegion(zone)
	switch {
	case ok && (region == "" || of == region):
		return true
	case ok:
		p.Addf(field, "%q is a zone of %s, not of %s", zone, of, region)
	case region != "":
		p.Addf(field, "%q is not an Availability Zone of %s (want %s followed by a zone letter, e.g. %sa; Local Zones and zone IDs are not accepted)", zone, region, region, region)
	default:
		p.Addf(field, "%q is not an Availability Zone name (want a region followed by a zone letter, e.g. us-east-1a; Local Zones and zone IDs are not accepted)", zone)
	}
	return false
}

// ZoneRegion returns the region of a zone name of the form <region><letter>
// and whether zone has that form with a known region.
func ZoneRegion(zone string) (string, bool) {
	if len(zone) < 2 {
		return "", false
	}
	letter := zone[len(zone)-1]
	region := zone[:len(zone)-1]
	if letter < 'a' || letter > 'z' {
		return "", false
	}
	_, ok := regions[region]
	return region, ok
}

// SameRegionZones records a problem under field[i] for each zone that is
// not in the region of the first valid zone: a construct that does not
// know its region can still refuse zones from two regions. Each zone must
// already have passed Zone.
func SameRegionZones(p *validate.Problems, field string, zones []string) bool {
	first, at := "", 0
	ok := true
	for i, z := range zones {
		r, valid := ZoneRegion(z)
		if !valid {
			continue
		}
		if first == "" {
			first, at = r, i
			continue
		}
		if r != first {
			p.Addf(fmt.Sprintf("%s[%d]", field, i), "%q is in %s but %s[%d] is in %s: all zones must be in one region", z, r, field, at, first)
			ok = false
		}
	}
	return ok
}
