package dashboard

import (
	"strings"
	"testing"
)

func TestLayoutAndRows(t *testing.T) {
	var b Body
	b.AddText(2, "# title")
	b.AddLog(12, 6, LogProps{Title: "a", Region: "us-east-1", Query: "SOURCE 'g' | fields @message"})
	b.AddMetrics(12, 6, MetricProps{Title: "b", Region: "us-east-1"},
		Metric{Namespace: "AWS/TransitGateway", Name: "BytesIn", Dimensions: map[string]string{"TransitGatewayAttachment": "a", "TransitGateway": "t"}, Region: "us-west-2"})
	b.AddMetrics(30, 6, MetricProps{Title: "c", Region: "us-east-1"})
	want := [][4]int{{0, 0, 24, 2}, {0, 2, 12, 6}, {12, 2, 12, 6}, {0, 8, 24, 6}}
	for i, w := range b.Widgets {
		if got := [4]int{w.X, w.Y, w.Width, w.Height}; got != want[i] {
			t.Errorf("widget %d at %v, want %v", i, got, want[i])
		}
	}
	got := b.JSON()
	// dimensions sorted; the metric's own region in its options
	if !strings.Contains(got, `["AWS/TransitGateway","BytesIn","TransitGateway","t","TransitGatewayAttachment","a",{"region":"us-west-2"}]`) {
		t.Errorf("metric row not in canonical form:\n%s", got)
	}
	if !strings.Contains(got, `"query":"SOURCE 'g' | fields @message"`) {
		t.Errorf("query escaped or missing:\n%s", got)
	}
	if p := b.Problems(); len(p) != 0 {
		t.Errorf("problems: %v", p)
	}
}

func TestProblems(t *testing.T) {
	var b Body
	for i := 0; i < MaxWidgets; i++ {
		b.AddText(1, "x")
	}
	b.AddLog(6, 6, LogProps{Title: "no source", Query: "fields @message"})
	want := []string{
		`has 501 widgets; a CloudWatch dashboard holds at most 500`,
		`widget 500 ("no source"): a log widget's query must start with SOURCE '<log group>'`,
	}
	if got := b.Problems(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
