package stacks

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/multiregion-iac/multiregion/constructs/tgwpeering"
)

// PeeringStackName is the ID of the stack holding the peering between
// requester and accepter.
func PeeringStackName(requester, accepter string) string {
	return "peering-" + requester + "-" + accepter
}

// PeeringStacks returns a tgwpeering.Props.PairStack: each peering gets a
// stack named PeeringStackName(requester, accepter) under scope, set up as
// NewStack does with props(requester) (its backend and state name, its
// default provider), plus a provider aliased "accepter" made from
// props(accepter). Pass the same props function the region stacks are
// made from, so each side talks to its region exactly as that region's
// stack does.
func PeeringStacks(scope constructs.Construct, props func(region string) StackProps) func(requester, accepter string) (tgwpeering.PairStack, error) {
	return func(requester, accepter string) (tgwpeering.PairStack, error) {
		s, err := NewStack(scope, PeeringStackName(requester, accepter), props(requester))
		if err != nil {
			return tgwpeering.PairStack{}, err
		}
		acc := props(accepter)
		if err := acc.check(PeeringStackName(requester, accepter) + "/accepter"); err != nil {
			return tgwpeering.PairStack{}, err
		}
		return tgwpeering.PairStack{Stack: s.Stack, Requester: s.Provider, Accepter: newProvider(s.Stack, "accepter", acc)}, nil
	}
}

// compositionPeeringStacks is PeeringStacks for New: the region stacks,
// made from the same props, have reported any problem of them already, so
// the peering stacks are made regardless (New then fails, and nothing is
// synthesized) instead of repeating those problems.
func compositionPeeringStacks(scope constructs.Construct, props func(region string) StackProps) func(requester, accepter string) (tgwpeering.PairStack, error) {
	return func(requester, accepter string) (tgwpeering.PairStack, error) {
		req, acc := props(requester), props(accepter)
		_, _ = req.check(""), acc.check("") // defaults only: the problems are the region stacks'
		s := newStack(scope, PeeringStackName(requester, accepter), req)
		return tgwpeering.PairStack{Stack: s.Stack, Requester: s.Provider, Accepter: newProvider(s.Stack, "accepter", acc)}, nil
	}
}
