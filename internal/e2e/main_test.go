package e2e

import (
	"testing"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// TestMain stops the jsii runtime the bindings start at package init.
func TestMain(m *testing.M) { synthtest.Main(m) }
