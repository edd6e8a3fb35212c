/**
 * An instrument's figure as a file: the SVG element serialised as it is drawn (figures set their
 * colours and fonts as attributes, not through the page's stylesheet, so the file looks the same
 * outside the app), or rasterised to PNG at twice its size through a canvas.
 */

/** Self-contained SVG markup of the figure. */
export function svgMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.getBoundingClientRect();
  if (!clone.getAttribute('width')) clone.setAttribute('width', String(Math.round(box.width)));
  if (!clone.getAttribute('height')) clone.setAttribute('height', String(Math.round(box.height)));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // Revoked later: the download reads the URL asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadSvg(svg: SVGSVGElement, stem: string): void {
  download(new Blob([svgMarkup(svg)], { type: 'image/svg+xml' }), `${stem}.svg`);
}

/** PNG bytes of the figure at `scale` times its drawn size, on the figure's own background. */
export async function figurePng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const markup = svgMarkup(svg);
  const width = Number(
    new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement.getAttribute('width'),
  );
  const height = Number(
    new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement.getAttribute('height'),
  );
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('no 2D canvas to draw the figure on');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the figure could not be encoded as PNG'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadPng(svg: SVGSVGElement, stem: string): Promise<void> {
  download(await figurePng(svg), `${stem}.png`);
}
