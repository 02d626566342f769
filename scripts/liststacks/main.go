// Command liststacks prints the reference app's stack names in deploy order
// (stacks.StackNames: iam, the regions as configured, the peerings, then
// global), reading MULTIREGION_CONFIG.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/aws/jsii-runtime-go"

	"github.com/multiregion-iac/multiregion/stacks"
)

func main() {
	path := os.Getenv("MULTIREGION_CONFIG")
	if path == "" {
		path = "config/local.yaml"
	}
	cfg, err := stacks.LoadFile(path)
	// Importing the bindings creates the jsii runtime's temp folder (at
	// package init); close it, though nothing here calls into jsii.
	jsii.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Println(strings.Join(stacks.StackNames(*cfg), " "))
}
