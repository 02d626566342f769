// Package tfexpr builds the raw Terraform expressions the constructs write
// into synthesized JSON where cdktf's own helpers would cost a jsii call
// per use or cannot express the construct (for expressions over a for_each
// resource, conditionals, string templates). Every expression is built
// here, from parts, so that quoting and escaping live in one tested place.
package tfexpr

import (
	"strconv"
	"strings"
)

// Resource is a cdktf resource, data source or local: what Address needs.
type Resource interface {
	TerraformResourceType() *string
	FriendlyUniqueId() *string
}

// Address is a resource's address in its stack: "aws_vpn_connection.x".
func Address(r Resource) string { return *r.TerraformResourceType() + "." + *r.FriendlyUniqueId() }

// Interp wraps an expression for a JSON string value: "${expr}".
func Interp(expr string) string { return "${" + expr + "}" }

// Attr is expr.name, or expr[index].name when index is not empty.
func Attr(expr, index, name string) string {
	if index != "" {
		expr += "[" + index + "]"
	}
	return expr + "." + name
}

// Cond is the conditional "cond ? a : b".
func Cond(cond, a, b string) string { return cond + " ? " + a + " : " + b }

// ForMap is the for expression "{for k, v in collection : key => value}".
func ForMap(k, v, collection, key, value string) string {
	return "{for " + k + ", " + v + " in " + collection + " : " + key + " => " + value + "}"
}

// Object is an object constructor "{a = x, b = y}" with the attributes in
// the order given (name, value, name, value, ...).
func Object(pairs ...string) string {
	parts := make([]string, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		parts = append(parts, pairs[i]+" = "+pairs[i+1])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// Call is a function call "name(arg, ...)".
func Call(name string, args ...string) string { return name + "(" + strings.Join(args, ", ") + ")" }

// Quote is s as a Terraform string literal: escaped like Go's %q for
// quotes, backslashes and control characters, with "${" and "%{" escaped
// so Terraform reads them as text.
func Quote(s string) string { return strconv.Quote(Literal(s)) }

// Literal escapes template sequences in text that goes into a template or
// an interpolated JSON string as is: "${" becomes "$${", "%{" "%%{".
func Literal(text string) string {
	return strings.NewReplacer("${", "$${", "%{", "%%{").Replace(text)
}

// EscapeDirectives escapes only "%{" (text that may hold interpolations
// built on purpose but no template directives).
func EscapeDirectives(text string) string { return strings.ReplaceAll(text, "%{", "%%{") }
