package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// blocks makes task lists and tables usable without a mouse or sight:
// a task item's text is the label of its checkbox (a checkbox with no
// name is a control screen readers cannot explain), task lists are
// marked so the theme can drop their bullets, and a table, which may
// scroll sideways on a phone, sits in a focusable, named region a
// keyboard can scroll.
type blocks struct{}

// taskLabel wraps a task item's checkbox and the text after it.
type taskLabel struct{ ast.BaseInline }

var kindTaskLabel = ast.NewNodeKind("TaskLabel")

func (n *taskLabel) Kind() ast.NodeKind            { return kindTaskLabel }
func (n *taskLabel) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// tableRegion wraps a table; label is its accessible name.
type tableRegion struct {
	ast.BaseBlock
	label string
}

var kindTableRegion = ast.NewNodeKind("TableRegion")

func (n *tableRegion) Kind() ast.NodeKind            { return kindTableRegion }
func (n *tableRegion) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func (b blocks) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var boxes []*east.TaskCheckBox
	var tables []*east.Table
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *east.TaskCheckBox:
				boxes = append(boxes, n)
			case *east.Table:
				tables = append(tables, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, box := range boxes {
		block := box.Parent() // the item's paragraph or text block
		label := &taskLabel{}
		for c := block.FirstChild(); c != nil; {
			next := c.NextSibling()
			block.RemoveChild(block, c)
			label.AppendChild(label, c)
			c = next
		}
		block.AppendChild(block, label)
		if item := block.Parent(); item != nil && item.Kind() == ast.KindListItem {
			item.SetAttributeString("class", []byte("task"))
			if list := item.Parent(); list != nil {
				list.SetAttributeString("class", []byte("task-list"))
			}
		}
	}
	for i, t := range tables {
		label := "Table"
		if len(tables) > 1 {
			// Regions are landmarks: each needs a name of its own.
			label += " " + strconv.Itoa(i+1)
		}
		region := &tableRegion{label: label}
		parent := t.Parent()
		parent.ReplaceChild(parent, t, region)
		region.AppendChild(region, t)
	}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (b blocks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTaskLabel, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<label>")
		} else {
			_, _ = w.WriteString("</label>")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(kindTableRegion, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="table" tabindex="0" role="region" aria-label="` + n.(*tableRegion).label + `">` + "\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
