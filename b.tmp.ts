import { pdfProblem } from './src/justificatifs/pdf-check';
import { buildPdf } from './test/justificatifs/files';
import { randomBytes } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
const d = await PDFDocument.create(); const font = await d.embedFont(StandardFonts.Helvetica);
for (let i=0;i<2000;i++){ const p=d.addPage(); for (let j=0;j<20;j++) p.drawText('Ligne '+j+' page '+i, {x:50,y:800-j*20,font,size:10}); }
const many = Buffer.from(await d.save({useObjectStreams:true}));
console.log(await pdfProblem(many));
const img = randomBytes(9_900_000).map((b) => (b === 0x73 ? 0 : b));
const big = buildPdf([{obj:1, body:'<< /Type /Catalog /Pages 2 0 R >>'},{obj:2, body:'<< /Type /Pages /Kids [] /Count 0 >>'},{obj:3, body: Buffer.concat([Buffer.from('<< /Length 4 0 R >>\nstream\n'), img, Buffer.from('\nendstream')])},{obj:4, body: String(img.length)}]);
console.log(await pdfProblem(big));
