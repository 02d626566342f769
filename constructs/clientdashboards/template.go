package clientdashboards

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/multiregion-iac/multiregion/constructs/flowlogs"
	"github.com/multiregion-iac/multiregion/constructs/monitoring/dashboard"
	"github.com/multiregion-iac/multiregion/internal/tfexpr"
)

// All clients of a region share one dashboard body: a Terraform string
// template over each.key (the client name) and each.value, so a thousand
// clients synthesize one body and a small map of values per client instead
// of a thousand bodies (see docs/performance.md). The template is derived
// from the same layout code as the Go bodies (Props.body, Props.header):
// sentinel clients are rendered, their sentinels become references, and the
// VPN and probe parts become %{if} and %{for} directives.
// TestTemplateRendersTheGoBodies has Terraform render it and compares with
// the Go bodies.

// Sentinels stand for per-client values while the template is rendered.
const (
	sentinelName       = "@@client@@"
	sentinelHeader     = "@@header@@"
	sentinelAttachment = "@@attachment@@"
	sentinelVpn        = "@@vpn@@"
	sentinelCidr       = "@@cidr@@"
	sentinelProbe      = "@@probe-address@@"
	sentinelProbe2     = "@@probe-address-2@@"
	sentinelProbeID    = "@@probe-id@@"
)

// sentinelClient is a client of sentinels, with a VPN or not, and probes.
func sentinelClient(vpn bool, probes ...string) Client {
	c := Client{Name: sentinelName, AttachmentId: new(sentinelAttachment), Cidrs: []string{sentinelCidr}, ProbeAddresses: probes}
	if vpn {
		c.VpnConnectionId = new(sentinelVpn)
	}
	return c
}

// templateValues is one client's each.value; the client name is each.key.
// Values placed inside template strings (IDs, CIDRs, addresses) are
// JSON-safe: validation allows only such characters, and references are
// ${...} expressions.
func (p Props) templateValues(c Client, probeID probeIDFunc) map[string]any {
	probes := make([]any, 0, len(c.ProbeAddresses))
	for _, addr := range c.ProbeAddresses {
		probes = append(probes, map[string]any{"address": addr, "id": probeID(c.Name, addr)})
	}
	return map[string]any{
		"attachment":  c.attachment(),
		"vpn":         c.vpn(),
		"networks":    networks(c),
		"cidr_filter": flowlogs.CidrFilter(c.Cidrs),
		"probes":      probes,
	}
}

// nameTemplate is the dashboard_name template shared by every client.
func (p Props) nameTemplate() string {
	return p.references(p.dashboardName(sentinelClient(false)))
}

// bodyTemplate is the dashboard_body template shared by every client.
func (p Props) bodyTemplate() string {
	sentinelID := func(string, string) string { return sentinelProbeID }
	base, vpn := sentinelClient(false), sentinelClient(true)
	probed, both := sentinelClient(false, sentinelProbe), sentinelClient(true, sentinelProbe)

	plain := p.sentinelWidgets(base, sentinelID)
	withVpn := p.sentinelWidgets(vpn, sentinelID)
	withProbes := p.sentinelWidgets(probed, sentinelID)
	withBoth := p.sentinelWidgets(both, sentinelID)
	vpnWidgets := suffixAfter(withVpn, plain, "VPN")
	probeWidgets := suffixAfter(withProbes, plain, "probe")
	probeWidgetsAfterVpn := suffixAfter(withBoth, withVpn, "probe")

	var sb strings.Builder
	head := *p.body(base, sentinelID)
	head.Widgets = []dashboard.Widget{}
	sb.WriteString(strings.TrimSuffix(head.JSON(), "]}")) // {...,"widgets":[
	sb.WriteString(p.templateWidgets(plain, nil))
	sb.WriteString(`%{ if each.value.vpn != "" },`)
	sb.WriteString(p.templateWidgets(vpnWidgets, nil))
	sb.WriteString(`%{ endif }%{ if length(each.value.probes) > 0 },`)
	sb.WriteString(p.templateWidgets(probeWidgets, probeWidgetsAfterVpn))
	sb.WriteString("%{ endif }]}")
	// The header is rendered last: its directives must not be escaped.
	tpl := strings.ReplaceAll(sb.String(), encode(sentinelHeader), p.headerTemplate())
	if strings.Contains(tpl, "@@") {
		panic("clientdashboards: a per-client value is not in the template: " + tpl)
	}
	return tpl
}

// headerTemplate is the header's markdown as a JSON string template: the
// header of a client without VPN or probes, then the parts a VPN and probes
// add, which the layout must append in that order. The probe addresses are
// joined in the template, with the separator two sentinel probes show.
func (p Props) headerTemplate() string {
	text := func(c Client) string { return strings.TrimSuffix(encode(p.header(c)), `"`) } // an open JSON string
	part := func(c Client, after, name string) string {
		s, ok := strings.CutPrefix(text(c), after)
		if !ok || s == "" {
			panic("clientdashboards: the header's " + name + " part is not appended: " + text(c))
		}
		return s
	}
	base := text(sentinelClient(false))
	vpn := part(sentinelClient(true), base, "VPN")
	probes := part(sentinelClient(false, sentinelProbe), base, "probes")
	if text(sentinelClient(true, sentinelProbe)) != base+vpn+probes {
		panic("clientdashboards: the header's probes part does not follow its VPN part unchanged")
	}
	// The separator goes into an HCL string: no quote, escape, template
	// sequence or leftover sentinel.
	before, after, _ := strings.Cut(probes, sentinelProbe)
	sep, ok := strings.CutPrefix(part(sentinelClient(false, sentinelProbe, sentinelProbe2), base, "probes"), before+sentinelProbe)
	sep, ok2 := strings.CutSuffix(sep, sentinelProbe2+after)
	if !ok || !ok2 || strings.Contains(before+after, sentinelProbe) || strings.ContainsAny(sep, `"\$%@`) {
		panic("clientdashboards: the header's probes part is not the probe addresses joined by a plain separator: " + probes)
	}
	// The CIDRs as the header renders them are a value (networks).
	base = strings.Replace(base, networks(sentinelClient(false)), "${each.value.networks}", 1)
	literal := func(s string) string { return p.references(escape(s)) }
	return literal(base) + `%{ if each.value.vpn != "" }` + literal(vpn) +
		`%{ endif }%{ if length(each.value.probes) > 0 }` + literal(before) +
		`${join("` + sep + `", each.value.probes[*].address)}` + literal(after) + `%{ endif }"`
}

// sentinelWidgets lays out a sentinel client's widgets with the header
// replaced by its sentinel (it lists the client's optional parts).
func (p Props) sentinelWidgets(c Client, probeID probeIDFunc) []dashboard.Widget {
	widgets := p.body(c, probeID).Widgets
	header := p.header(c)
	for i, w := range widgets {
		if t, ok := w.Properties.(*dashboard.TextProps); ok && t.Markdown == header {
			widgets[i].Properties = &dashboard.TextProps{Markdown: sentinelHeader}
		}
	}
	return widgets
}

// suffixAfter returns the widgets an optional part adds after prefix; the
// layout must only append them.
func suffixAfter(all, prefix []dashboard.Widget, part string) []dashboard.Widget {
	if len(all) <= len(prefix) || !reflect.DeepEqual(all[:len(prefix)], prefix) {
		panic("clientdashboards: the " + part + " widgets are not appended after the others")
	}
	return all[len(prefix):]
}

// templateWidgets renders widgets as template text. When the same widgets
// sit lower after the VPN widgets (afterVpn), their y becomes a conditional.
func (p Props) templateWidgets(widgets, afterVpn []dashboard.Widget) string {
	parts := make([]string, len(widgets))
	for i, w := range widgets {
		text := encode(w)
		if afterVpn != nil {
			moved := afterVpn[i]
			moved.Y = w.Y
			if !reflect.DeepEqual(moved, w) {
				panic("clientdashboards: the probe widgets differ after the VPN widgets by more than their row")
			}
			text = strings.Replace(text, fmt.Sprintf(`,"y":%d,`, w.Y),
				fmt.Sprintf(`,"y":${each.value.vpn != "" ? %d : %d},`, afterVpn[i].Y, w.Y), 1)
		}
		parts[i] = p.substitute(text, w)
	}
	return strings.Join(parts, ",")
}

// substitute turns one widget's sentinels into template references.
func (p Props) substitute(text string, w dashboard.Widget) string {
	text = escape(text)
	if m, ok := w.Properties.(*dashboard.MetricProps); ok {
		for _, row := range m.Metrics {
			if r := encode(row); strings.Contains(r, sentinelProbe) {
				loop := "%{ for i, probe in each.value.probes }%{ if i > 0 },%{ endif }" +
					strings.NewReplacer(sentinelProbe, "${probe.address}", sentinelProbeID, "${probe.id}").Replace(r) +
					"%{ endfor }"
				text = strings.Replace(text, r, loop, 1)
			}
		}
	}
	return p.references(text)
}

// references turns the sentinels of the client's own values into template
// references. Props.Name and client names are safe in templates and JSON.
func (p Props) references(text string) string {
	return strings.NewReplacer(
		flowlogs.CidrFilter([]string{sentinelCidr}), "${each.value.cidr_filter}",
		sentinelName, "${each.key}",
		sentinelAttachment, "${each.value.attachment}",
		sentinelVpn, "${each.value.vpn}",
	).Replace(text)
}

// escape keeps a literal %{ from being a directive.
func escape(text string) string { return tfexpr.EscapeDirectives(text) }

// encode marshals v as Body.JSON does (no HTML escaping).
func encode(v any) string {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(sb.String(), "\n")
}
