package revision

import (
	"encoding/binary"
	"errors"
	"io"
)

// zipWriter writes a zip archive of raw (already compressed) entries. Unlike
// archive/zip.Writer it keeps the central directory as one pointer-free byte
// slice (about 50 bytes plus the name per entry), so memory stays low for
// trees with many files, and it writes nothing Pack does not ask for: no
// extra fields except zip64 ones where sizes or offsets need them, no data
// descriptors, no comment. The output reads with archive/zip and Info-ZIP.
type zipWriter struct {
	w       io.Writer
	off     uint64 // bytes written so far
	cd      []byte // central directory records
	entries uint64
}

// zip64Limit is the largest size or offset a classic zip field holds, and
// zip64Entries the largest entry count; variables so tests can force the
// zip64 paths with small data.
var (
	zip64Limit   uint64 = 0xFFFFFFFF
	zip64Entries uint64 = 0xFFFF
)

const (
	creatorUnix = 3
	zipVersion  = 20 // 2.0: deflate, folders
	zip64Ver    = 45 // 4.5: zip64
)

// rawHeader describes one entry.
type rawHeader struct {
	name         string
	method       uint16
	date, time   uint16
	crc          uint32
	csize, usize uint64
	mode         uint32 // Unix mode bits including the file type
}

func (z *zipWriter) write(p []byte) error {
	_, err := z.Write(p)
	return err
}

// create writes the local header of h; the caller then writes exactly
// h.csize bytes of data through z.
func (z *zipWriter) create(h rawHeader) error {
	if len(h.name) > 0xFFFF {
		return errors.New("zip: name too long")
	}
	flags := uint16(0)
	if !isASCII(h.name) {
		flags |= 0x800 // UTF-8 name
	}
	offset := z.off
	big := h.csize >= zip64Limit || h.usize >= zip64Limit
	version := uint16(zipVersion)
	if big || offset >= zip64Limit {
		version = zip64Ver
	}

	// Local file header.
	var lh [30]byte
	b := le(lh[:])
	b.u32(0x04034b50)
	b.u16(version)
	b.u16(flags)
	b.u16(h.method)
	b.u16(h.time)
	b.u16(h.date)
	b.u32(h.crc)
	var lextra []byte
	if big {
		b.u32(0xFFFFFFFF)
		b.u32(0xFFFFFFFF)
		lextra = make([]byte, 20)
		e := le(lextra)
		e.u16(0x0001)
		e.u16(16)
		e.u64(h.usize)
		e.u64(h.csize)
	} else {
		b.u32(uint32(h.csize))
		b.u32(uint32(h.usize))
	}
	b.u16(uint16(len(h.name)))
	b.u16(uint16(len(lextra)))
	if err := z.write(lh[:]); err != nil {
		return err
	}
	if err := z.write([]byte(h.name)); err != nil {
		return err
	}
	if err := z.write(lextra); err != nil {
		return err
	}

	// Central directory record, kept for close.
	var cextra []byte
	csize32, usize32, off32 := uint32(h.csize), uint32(h.usize), uint32(offset)
	if h.usize >= zip64Limit {
		cextra = binary.LittleEndian.AppendUint64(cextra, h.usize)
		usize32 = 0xFFFFFFFF
	}
	if h.csize >= zip64Limit {
		cextra = binary.LittleEndian.AppendUint64(cextra, h.csize)
		csize32 = 0xFFFFFFFF
	}
	if offset >= zip64Limit {
		cextra = binary.LittleEndian.AppendUint64(cextra, offset)
		off32 = 0xFFFFFFFF
	}
	if len(cextra) > 0 {
		cextra = append([]byte{0x01, 0x00, byte(len(cextra)), 0x00}, cextra...)
	}
	var ch [46]byte
	c := le(ch[:])
	c.u32(0x02014b50)
	c.u16(creatorUnix<<8 | version)
	c.u16(version)
	c.u16(flags)
	c.u16(h.method)
	c.u16(h.time)
	c.u16(h.date)
	c.u32(h.crc)
	c.u32(csize32)
	c.u32(usize32)
	c.u16(uint16(len(h.name)))
	c.u16(uint16(len(cextra)))
	c.u16(0) // comment length
	c.u16(0) // disk number
	c.u16(0) // internal attributes
	c.u32(h.mode << 16)
	c.u32(off32)
	z.cd = append(z.cd, ch[:]...)
	z.cd = append(z.cd, h.name...)
	z.cd = append(z.cd, cextra...)
	z.entries++
	return nil
}

// Write writes entry data.
func (z *zipWriter) Write(p []byte) (int, error) {
	n, err := z.w.Write(p)
	z.off += uint64(n)
	return n, err
}

// close writes the central directory and the end records.
func (z *zipWriter) close() error {
	start := z.off
	if err := z.write(z.cd); err != nil {
		return err
	}
	size := uint64(len(z.cd))
	end := z.off
	records, size32, start32 := z.entries, size, start
	if z.entries >= zip64Entries || size >= zip64Limit || start >= zip64Limit {
		// zip64 end of central directory record and locator.
		var r [56 + 20]byte
		b := le(r[:])
		b.u32(0x06064b50)
		b.u64(44)
		b.u16(creatorUnix<<8 | zip64Ver)
		b.u16(zip64Ver)
		b.u32(0)
		b.u32(0)
		b.u64(z.entries)
		b.u64(z.entries)
		b.u64(size)
		b.u64(start)
		b.u32(0x07064b50)
		b.u32(0)
		b.u64(end)
		b.u32(1)
		if err := z.write(r[:]); err != nil {
			return err
		}
		records, size32, start32 = 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF
		if z.entries < zip64Entries {
			records = z.entries
		}
		if size < zip64Limit {
			size32 = size
		}
		if start < zip64Limit {
			start32 = start
		}
	}
	var e [22]byte
	b := le(e[:])
	b.u32(0x06054b50)
	b.u16(0)
	b.u16(0)
	b.u16(uint16(records))
	b.u16(uint16(records))
	b.u32(uint32(size32))
	b.u32(uint32(start32))
	b.u16(0) // comment length
	z.cd = nil
	return z.write(e[:])
}

// le writes little-endian integers into a fixed buffer.
type leBuf struct{ b []byte }

func le(b []byte) *leBuf { return &leBuf{b} }

func (l *leBuf) u16(v uint16) { binary.LittleEndian.PutUint16(l.b, v); l.b = l.b[2:] }
func (l *leBuf) u32(v uint32) { binary.LittleEndian.PutUint32(l.b, v); l.b = l.b[4:] }
func (l *leBuf) u64(v uint64) { binary.LittleEndian.PutUint64(l.b, v); l.b = l.b[8:] }
