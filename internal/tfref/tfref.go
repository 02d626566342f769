// Package tfref turns cdktf tokens into the plain Terraform expressions they
// stand for, so per-instance maps of a for_each resource can repeat a plain
// string: cdktf resolves every token occurrence at synth, and a thousand
// instances referencing the same route table would cost a thousand
// resolutions.
package tfref

import (
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// Local returns the expression a token stands for, "${aws_route_table.x.id}"
// say, resolved in scope's stack; other strings are returned unchanged.
// Use it only for references to objects in scope's own stack: cdktf wires
// cross-stack references while it synthesizes, which a plain string skips.
func Local(scope constructs.IConstruct, s *string) *string {
	if s == nil || !strings.Contains(*s, "${TfToken[") {
		return s
	}
	resolved, ok := cdktf.Tokenization_Resolve(s, &cdktf.ResolveOptions{
		Scope:    scope,
		Resolver: cdktf.NewDefaultTokenResolver(cdktf.NewStringConcat()),
	}).(string)
	if !ok {
		return s
	}
	return &resolved
}
