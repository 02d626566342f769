// Package stacks composes the multiregion constructs into deployable
// cdktf stacks: one stack per region (named after the region) and one global
// stack. It also owns the reference app's typed configuration: Load reads a
// strict YAML file, reporting every problem at once with its path.
package stacks
