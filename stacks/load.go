package stacks

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"gopkg.in/yaml.v3"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// LoadFile reads the YAML config at path (see Parse).
func LoadFile(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	cfg, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("config %s is invalid:\n%w", path, err)
	}
	return cfg, nil
}

// NewFromFile is the YAML front-end of New: it loads the config at path
// and composes it into app, reporting every problem — the file's and the
// composition's — by YAML path (`regions[1].cidr`).
func NewFromFile(app constructs.Construct, path string) (*Deployment, error) {
	cfg, err := LoadFile(path)
	if err != nil {
		return nil, err
	}
	d, err := New(app, *cfg)
	if err != nil {
		return nil, fmt.Errorf("config %s is invalid:\n%w", path, InYAMLTerms(err))
	}
	return d, nil
}

// InYAMLTerms returns New's error with every Config field named by its
// YAML path; other errors are returned as they are.
func InYAMLTerms(err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	return &Error{Problems: e.Problems, yaml: true}
}

// Parse decodes a YAML config strictly: unknown keys, wrong types, unset
// ${ENV} references and an explicit 0 where 0 is not a value (the key
// must be left out for the default) are all reported together, each with
// its path (for example `regions[1].azCount`). The values themselves are
// checked by New; the returned config has only the composition's own
// defaults resolved (ActiveRegion, Global.Region, endpoints, backend), the
// constructs resolve theirs.
func Parse(data []byte) (*Config, error) {
	probs := validate.New("")
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		probs.Addf("", "not valid YAML: %v", err)
		return nil, probs.Err()
	}
	if len(doc.Content) == 0 {
		probs.Addf("", "the file is empty")
		return nil, probs.Err()
	}
	checkNode(doc.Content[0], reflect.TypeOf(Config{}), "", false, probs)
	if probs.Len() > 0 {
		return nil, probs.Err()
	}
	var cfg Config
	dec := yaml.NewDecoder(bytes.NewReader(mustMarshal(doc.Content[0])))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		probs.Addf("", "%v", err)
		return nil, probs.Err()
	}
	cfg = cfg.withDefaults()
	return &cfg, nil
}

func mustMarshal(n *yaml.Node) []byte {
	out, err := yaml.Marshal(n)
	if err != nil {
		panic(err) // a node tree we just parsed always marshals
	}
	return out
}

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// checkNode walks the YAML tree beside the Go type, reporting unknown keys,
// scalars of the wrong kind and explicit zeros by path, and expanding
// ${ENV} in strings. zeroOK marks a number whose 0 is its default.
func checkNode(n *yaml.Node, t reflect.Type, path string, zeroOK bool, probs *validate.Problems) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if t.Kind() == reflect.Pointer {
		// A pointer tells a written 0 from an absent key: 0 is a value.
		zeroOK = zeroOK || t.Elem().Kind() == reflect.Int
		t = t.Elem()
		if n.Tag == "!!null" && t.Kind() == reflect.Struct {
			// A section named with nothing under it is on, with its defaults.
			n.Kind, n.Tag, n.Value, n.Content = yaml.MappingNode, "!!map", "", nil
		}
	}
	if n.Tag == "!!null" {
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			probs.Addf(path, "must be a mapping")
			return
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i].Value, n.Content[i+1]
			f, ok := fields[key]
			if !ok {
				probs.Addf(join(path, key), "unknown key (known keys: %s)", strings.Join(slices.Sorted(maps.Keys(fields)), ", "))
				continue
			}
			checkNode(val, f.Type, join(path, key), f.Tag.Get("zero") == "default", probs)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			probs.Addf(path, "must be a list")
			return
		}
		for i, item := range n.Content {
			checkNode(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i), zeroOK, probs)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			probs.Addf(path, "must be a mapping")
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			checkNode(n.Content[i+1], t.Elem(), join(path, n.Content[i].Value), zeroOK, probs)
		}
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			probs.Addf(path, "must be a whole number, got %q", n.Value)
		} else if v, err := strconv.ParseInt(n.Value, 0, 64); err == nil && v == 0 && !zeroOK {
			// In Go, 0 is "not set"; in a file, a written 0 is a value that
			// would silently become the default.
			probs.Addf(path, "0 is not a value this key takes; leave the key out for the default")
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			probs.Addf(path, "must be true or false, got %q", n.Value)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			probs.Addf(path, "must be a single value")
			return
		}
		n.Value = expandEnv(n.Value, path, probs)
		n.Tag, n.Style = "!!str", yaml.DoubleQuotedStyle
	}
}

// expandEnv replaces ${NAME} with the environment variable's value; an unset
// variable is a problem (an empty endpoint would silently mean real AWS).
func expandEnv(s, path string, probs *validate.Problems) string {
	return envRef.ReplaceAllStringFunc(s, func(ref string) string {
		name := envRef.FindStringSubmatch(ref)[1]
		val, ok := os.LookupEnv(name)
		if !ok || val == "" {
			probs.Addf(path, "environment variable %s is not set", name)
		}
		return val
	})
}

func yamlFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if name == "" || name == "-" {
			continue
		}
		out[name] = f
	}
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
