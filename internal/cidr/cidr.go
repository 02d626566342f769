// Package cidr holds the IPv4 prefix arithmetic shared by the constructs:
// parsing with clear errors, overlap checks and carving subnets.
package cidr

import (
	"fmt"
	"net/netip"
)

// Parse parses an IPv4 CIDR and requires it to be in canonical form (no host
// bits set), because AWS rejects "10.0.0.1/16" for a VPC.
func Parse(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, fmt.Errorf("%q is not a valid IPv4 CIDR", s)
	}
	if p.Masked() != p {
		return netip.Prefix{}, fmt.Errorf("%q has host bits set; use %q", s, p.Masked().String())
	}
	return p, nil
}

// Subnet returns the index-th subnet of length bits inside parent
// (index 0 is the lowest). It errors when the subnet does not fit.
func Subnet(parent netip.Prefix, bits, index int) (netip.Prefix, error) {
	if bits < parent.Bits() || bits > 32 {
		return netip.Prefix{}, fmt.Errorf("/%d does not fit inside %s", bits, parent)
	}
	count := uint64(1) << uint(bits-parent.Bits())
	if index < 0 || uint64(index) >= count {
		return netip.Prefix{}, fmt.Errorf("%s has only %d subnets of /%d, index %d is out of range", parent, count, bits, index)
	}
	base := parent.Addr().As4()
	n := uint32(base[0])<<24 | uint32(base[1])<<16 | uint32(base[2])<<8 | uint32(base[3])
	n += uint32(index) << uint(32-bits)
	addr := netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
	return netip.PrefixFrom(addr, bits), nil
}
