package clientdashboards

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// TestTemplateRendersTheGoBodies has Terraform render the shared name and
// body templates for clients of every shape (with and without a VPN, none,
// one or two probes, one or two networks) and compares each result, byte for
// byte, with the name and body laid out in Go.
func TestTemplateRendersTheGoBodies(t *testing.T) {
	initech := Client{Name: "initech", AttachmentId: new("tgw-attach-0initech"), Cidrs: []string{"10.99.0.0/24"}, ProbeAddresses: []string{"10.99.0.5"}}
	hooli := Client{Name: "hooli_2", AttachmentId: new("tgw-attach-0hooli"), VpnConnectionId: new("vpn-0hooli"), Cidrs: []string{"10.98.0.0/24"}}
	props := testProps(acme, globex, initech, hooli).withDefaults("clients")
	probeID := func(client, addr string) string { return "probe-" + client + "-" + strings.ReplaceAll(addr, ".", "") }
	want, err := build("us-east-1/clients", props, probeID)
	if err != nil {
		t.Fatal(err)
	}

	// Each client's local stands for its for_each instance: each.key is the
	// quoted client name, each.value its values.
	values := map[string]any{}
	locals := map[string]any{"clients": values}
	var dashboards []string
	for i, c := range props.Clients {
		values[c.Name] = props.templateValues(c, probeID)
		each := strings.NewReplacer("each.key", strconv.Quote(c.Name), "each.value", `local.clients[`+strconv.Quote(c.Name)+`]`)
		local := "dashboard_" + strconv.Itoa(i)
		locals[local] = map[string]string{"name": each.Replace(props.nameTemplate()), "body": each.Replace(props.bodyTemplate())}
		dashboards = append(dashboards, "local."+local)
	}
	dir := t.TempDir()
	raw, err := json.MarshalIndent(map[string]any{"locals": locals}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}

	// One expression: base64 keeps the console's quoting out of the way.
	line := synthtest.Console(t, dir, "base64encode(jsonencode(["+strings.Join(dashboards, ", ")+"]))")
	unquoted, err := strconv.Unquote(line)
	if err != nil {
		t.Fatalf("console result %q: %v", line, err)
	}
	decoded, err := base64.StdEncoding.DecodeString(unquoted)
	if err != nil {
		t.Fatal(err)
	}
	var rendered []struct{ Name, Body string }
	if err := json.Unmarshal(decoded, &rendered); err != nil || len(rendered) != len(want) {
		t.Fatalf("console rendered %d dashboards (%v), want %d", len(rendered), err, len(want))
	}
	for i, got := range rendered {
		if w := want[i].Body.JSON(); got.Body != w {
			t.Errorf("client %s: the template renders\n%s\nwant (Go layout)\n%s", want[i].Client, got.Body, w)
		}
		if got.Name != want[i].Name {
			t.Errorf("client %s: the template renders name %q, want %q", want[i].Client, got.Name, want[i].Name)
		}
	}
}
