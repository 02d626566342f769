package auroraglobal

import (
	"testing"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

func TestMain(m *testing.M) { synthtest.Main(m) }
