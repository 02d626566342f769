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
var KnownGaps = []Gap{}

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
