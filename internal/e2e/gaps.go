package e2e

// Gap is a known difference between the local emulator (moto 5.2.1 with the
// patches in scripts/emulator/patches.py) and AWS that shows up as a change
// in a second plan. This is the only list of them: a change our code causes
// is a bug, never a new entry here.
type Gap struct {
	Type      string // resource type
	Attribute string // the top-level attribute that drifts
	Why       string
}

// KnownGaps lists the emulator differences the second plan may show. A
// change is excused only if every changed attribute is listed for its type.
var KnownGaps = []Gap{
	{Type: "aws_db_parameter_group", Attribute: "parameter",
		Why: "moto 5.2.1's DescribeDBParameters returns user-set parameters without their Source field; provider 5.100 keeps only parameters whose Source is \"user\", so it reads none back and re-adds them every plan (AWS returns Source=user; the e2e database check reads rds.force_ssl=1 through the API)"},
}

func explainedByGap(c Change) string {
	if c.Type == "output" || len(c.Attributes) == 0 {
		return ""
	}
	var why string
	for _, attr := range c.Attributes {
		found := ""
		for _, g := range KnownGaps {
			if g.Type == c.Type && g.Attribute == attr {
				found = g.Why
			}
		}
		if found == "" {
			return ""
		}
		why = found
	}
	return why
}
