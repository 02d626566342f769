package tfexpr

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

type res struct{ typ, id string }

func (r res) TerraformResourceType() *string { return &r.typ }
func (r res) FriendlyUniqueId() *string      { return &r.id }

func TestBuilders(t *testing.T) {
	vpn := Address(res{"aws_vpn_connection", "hub_client-vpns_1A2B"})
	for _, c := range []struct{ name, got, want string }{
		{"address", vpn, "aws_vpn_connection.hub_client-vpns_1A2B"},
		{"interp", Interp("each.key"), "${each.key}"},
		{"indexed attr", Attr(vpn, "each.key", "id"), "aws_vpn_connection.hub_client-vpns_1A2B[each.key].id"},
		{"attr", Attr("local.x", "", "id"), "local.x.id"},
		{"cond", Cond("each.value.asn > 2147483647", "each.value.asn", "null"), "each.value.asn > 2147483647 ? each.value.asn : null"},
		{"for", ForMap("name", "vpn", vpn, "name", "vpn.id"), "{for name, vpn in aws_vpn_connection.hub_client-vpns_1A2B : name => vpn.id}"},
		{"object", Object("a", "x.a", "b", "x.b"), "{a = x.a, b = x.b}"},
		{"call", Call("one", "x[*].arn"), "one(x[*].arn)"},
		{"quote", Quote(`say "${hi}" %{x}\`), `"say \"$${hi}\" %%{x}\\"`},
		{"literal", Literal("${a} %{b} $c"), "$${a} %%{b} $c"},
		{"directives", EscapeDirectives("${a} %{b}"), "${a} %%{b}"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
		}
	}
}

// TestTerraformEvaluates has terraform console evaluate built expressions,
// so their syntax (and the escapes) is Terraform's, not only ours.
func TestTerraformEvaluates(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`locals {
  vpns = {acme = {id = "vpn-1"}, globex = {id = "vpn-2"}}
}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ expr, want string }{
		{ForMap("name", "vpn", "local.vpns", Quote("client-")+" == \"\" ? name : \"client-${name}\"", Attr("vpn", "", "id")),
			`{
  "client-acme" = "vpn-1"
  "client-globex" = "vpn-2"
}`},
		{Cond("length(local.vpns) > 1", Quote("many"), Quote("one")), `"many"`},
		{Quote(`a "${b}" %{c}`), `"a \"${b}\" %{c}"`},
		{Call("jsonencode", Object("u", Quote("x"), "n", "1")), `"{\"n\":1,\"u\":\"x\"}"`},
	} {
		if got := synthtest.Console(t, dir, c.expr); got != c.want {
			t.Errorf("%s\n  evaluates to %s\n  want %s", c.expr, got, c.want)
		}
	}
}
