package main

import (
	"embed"

	"github.com/bgspec/bgspec/examples/internal/bluegreen"
	"github.com/bgspec/bgspec/revision"
)

// contextFS holds the Docker build contexts nginx/ and app/ (real files in
// context/ next to this source), embedded so the example runs from any
// working directory.
//
//go:embed context
var contextFS embed.FS

// params are the inputs of one generation.
type params struct {
	// Out is the output directory.
	Out string
	// Revision is what the Jenkins job writes to REVISION (svnversion); it
	// becomes the image tag.
	Revision string
	// InstanceType, Instances and DesiredCount describe the cluster and the
	// service for the ENI capacity check.
	InstanceType string
	Instances    int
	DesiredCount int
}

func defaultParams() params {
	return params{Out: "out", Revision: "1024", InstanceType: "c5.xlarge", Instances: 3, DesiredCount: 3}
}

// result is what generate wrote and found.
type result struct {
	*bluegreen.Result
	// Capacity is the ENI check without and with awsvpc trunking.
	Capacity []revision.Capacity
}

// generate builds the spec files from Go values, validates them, writes
// them to p.Out, stages the revision (spec files, REVISION, nginx/ and app/)
// under p.Out/revision, packs it into p.Out/application.zip, verifies the zip
// and checks the ENI capacity of the cluster.
func generate(p params) (*result, error) {
	if p.Revision == "" {
		p.Revision = defaultParams().Revision
	}
	rc := recipe()
	r, err := bluegreen.Generate(bluegreen.Input{
		Out:         p.Out,
		TaskDef:     taskDefinition(),
		AppSpec:     appSpec(),
		Recipe:      rc,
		Action:      action(rc),
		Context:     contextFS,
		ContextRoot: "context",
		Revision:    p.Revision,
	})
	if err != nil {
		return nil, err
	}
	res := &result{Result: r}
	// During a blue/green deployment the blue and the green task sets run
	// side by side, each awsvpc task with its own ENI.
	for _, trunking := range []bool{false, true} {
		c, err := revision.ENICapacity(p.InstanceType, p.Instances, p.DesiredCount, trunking)
		if err != nil {
			return nil, err
		}
		res.Capacity = append(res.Capacity, c)
	}
	return res, nil
}
