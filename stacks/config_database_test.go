package stacks

import (
	"fmt"
	"strings"
	"testing"
)

func members(t *testing.T, src string) string {
	t.Helper()
	parsed, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	cfg := parsed.withDefaults()
	var parts []string
	for _, m := range cfg.DatabaseMembers() {
		s := fmt.Sprintf("%s=%s/g%d", m.Region, m.Role, m.Generation)
		if m.Source != "" {
			s += "<" + m.Source
		}
		if m.Retired {
			s += "/retired"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// TestDatabaseMembersThroughFailback walks the runbook's config states.
func TestDatabaseMembersThroughFailback(t *testing.T) {
	steps := []struct{ name, config, want string }{
		{"normal", "database:\n", "us-east-1=writer/g1 us-west-2=replica/g1<us-east-1"},
		{"1 failover", "activeRegion: us-west-2\ndatabase:\n  retired: [us-east-1]\n",
			"us-east-1=writer/g1/retired us-west-2=promoted/g1"},
		{"2 rebuild the old writer", "activeRegion: us-west-2\ndatabase:\n  generations: {us-east-1: 2}\n",
			"us-east-1=replica/g2<us-west-2 us-west-2=promoted/g1"},
		{"3 switch back", "activeRegion: us-east-1\ndatabase:\n  generations: {us-east-1: 2}\n  retired: [us-west-2]\n",
			"us-east-1=promoted/g2 us-west-2=promoted/g1/retired"},
		{"4 rebuild the old secondary", "activeRegion: us-east-1\ndatabase:\n  generations: {us-east-1: 2, us-west-2: 2}\n",
			"us-east-1=promoted/g2 us-west-2=replica/g2<us-east-1"},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if got := members(t, validYAML+s.config); got != s.want {
				t.Errorf("members:\n  got:  %s\n  want: %s", got, s.want)
			}
		})
	}
}
