package tfexpr

import (
	"testing"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// TestMain stops the jsii runtime once the package's tests are done.
func TestMain(m *testing.M) { synthtest.Main(m) }
