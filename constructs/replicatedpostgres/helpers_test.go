package replicatedpostgres

import "encoding/json"

func synthtestJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
