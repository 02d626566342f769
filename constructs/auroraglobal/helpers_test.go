package auroraglobal

import (
	"encoding/json"
	"maps"
	"slices"
)

func synthtestJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func keys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
