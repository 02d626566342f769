package cidr

import "testing"

func TestParse(t *testing.T) {
	cases := []struct {
		in, want, err string
	}{
		{in: "10.0.0.0/16", want: "10.0.0.0/16"},
		{in: "10.0.0.0/33", err: `"10.0.0.0/33" is not a valid IPv4 CIDR`},
		{in: "10.0.0.1/16", err: `"10.0.0.1/16" has host bits set; use "10.0.0.0/16"`},
		{in: "fd00::/8", err: `"fd00::/8" is not a valid IPv4 CIDR`},
		{in: "", err: `"" is not a valid IPv4 CIDR`},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := Parse(c.in)
			if c.err != "" {
				if err == nil || err.Error() != c.err {
					t.Fatalf("Parse(%q) error = %v, want %q", c.in, err, c.err)
				}
				return
			}
			if err != nil || got.String() != c.want {
				t.Fatalf("Parse(%q) = %v, %v; want %s", c.in, got, err, c.want)
			}
		})
	}
}

func TestSubnet(t *testing.T) {
	parent, _ := Parse("10.1.0.0/16")
	cases := []struct {
		bits, index int
		want, err   string
	}{
		{bits: 20, index: 0, want: "10.1.0.0/20"},
		{bits: 20, index: 3, want: "10.1.48.0/20"},
		{bits: 24, index: 255, want: "10.1.255.0/24"},
		{bits: 20, index: 16, err: "10.1.0.0/16 has only 16 subnets of /20, index 16 is out of range"},
		{bits: 8, index: 0, err: "/8 does not fit inside 10.1.0.0/16"},
	}
	for _, c := range cases {
		got, err := Subnet(parent, c.bits, c.index)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("Subnet(/%d, %d) error = %v, want %q", c.bits, c.index, err, c.err)
			}
			continue
		}
		if err != nil || got.String() != c.want {
			t.Errorf("Subnet(/%d, %d) = %v, %v; want %s", c.bits, c.index, got, err, c.want)
		}
	}
}
