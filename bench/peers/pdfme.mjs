// @pdfme/generator producing an equivalent one-page instruction form (labels and
// values of the child, period, addressees, diagnoses, care items, emergency actions
// and contacts, issuer, a QR code) with the same BIZ UDGothic font, from the same
// sampled documents. One core. usage: node pdfme.mjs FILE.jsonl COUNT FONT.ttf
import { readFileSync } from "node:fs";
import { generate } from "@pdfme/generator";
import { barcodes, line, text } from "@pdfme/schemas";

const [file, countArg, fontPath] = process.argv.slice(2);
const docs = readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).slice(0, Number(countArg)).map((l) => JSON.parse(l));
const font = { BIZUDGothic: { data: readFileSync(fontPath), fallback: true } };

const rows = [
  ["childName", "氏名"], ["childReading", "ふりがな"], ["birthDate", "生年月日"], ["sex", "性別"],
  ["address", "住所"], ["guardian", "保護者"], ["period", "指示期間"], ["addressees", "宛先"],
  ["diagnoses", "診断名"], ["allergies", "アレルギー"],
];
const schema = [{ name: "title", type: "text", position: { x: 20, y: 12 }, width: 170, height: 10, fontSize: 16, alignment: "center", readOnly: true, content: "医療的ケア指示書" }];
let y = 28;
for (const [name, label] of rows) {
  schema.push({ name: `${name}Label`, type: "text", position: { x: 15, y }, width: 35, height: 7, fontSize: 9, readOnly: true, content: label, backgroundColor: "#eeeeee" });
  schema.push({ name, type: "text", position: { x: 50, y }, width: 145, height: 7, fontSize: 9 });
  schema.push({ name: `${name}Rule`, type: "line", position: { x: 15, y: y + 7 }, width: 180, height: 0.2, color: "#000000", readOnly: true, content: "" });
  y += 8;
}
for (const [name, label, height] of [["care", "医療的ケア", 70], ["emergency", "緊急時の対応", 40], ["contacts", "緊急連絡先", 20], ["issuer", "発行者", 14]]) {
  schema.push({ name: `${name}Label`, type: "text", position: { x: 15, y }, width: 180, height: 6, fontSize: 10, readOnly: true, content: label, backgroundColor: "#eeeeee" });
  schema.push({ name, type: "text", position: { x: 15, y: y + 7 }, width: 180, height, fontSize: 8.5, lineHeight: 1.3 });
  y += height + 9;
}
schema.push({ name: "qr", type: "qrcode", position: { x: 178, y: 275 }, width: 17, height: 17 });
const template = { basePdf: { width: 210, height: 297, padding: [10, 10, 10, 10] }, schemas: [schema] };

const nameOf = (n) => [n.family, n.given].filter(Boolean).join(" ");
const readingOf = (n) => [n.familyReading, n.givenReading].filter(Boolean).join(" ");
function input(doc) {
  const c = doc.child;
  return {
    childName: nameOf(c.name), childReading: readingOf(c.name), birthDate: c.birthDate, sex: c.sex,
    address: c.address?.text ?? "", guardian: c.guardians.map((g) => `${nameOf(g.name)} ${g.phone ?? ""}`).join("、"),
    period: `${doc.period.start} 〜 ${doc.period.end}`, addressees: doc.addressees.map((f) => f.name).join("、"),
    diagnoses: doc.diagnoses.map((d) => d.name).join("、"), allergies: doc.allergies.map((a) => a.substance).join("、") || "なし",
    care: Object.entries(doc.care).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join("\n").slice(0, 1500),
    emergency: doc.emergency.actions.map((a) => `${a.situation}: ${a.action}`).join("\n"),
    contacts: doc.emergency.contacts.map((x) => `${x.name} ${x.phone}`).join("\n"),
    issuer: `${doc.issuer.institution.name} ${nameOf(doc.issuer.physician)} ${doc.issuer.signature.date}`,
    qr: `tsunagu:${doc.formatVersion}:${doc.kind}:${doc.id}`,
  };
}

const plugins = { text, line, qrcode: barcodes.qrcode };
await generate({ template, inputs: [input(docs[0])], options: { font }, plugins }); // warm
let bytes = 0;
const start = process.hrtime.bigint();
for (const doc of docs) {
  const pdf = await generate({ template, inputs: [input(doc)], options: { font }, plugins });
  bytes += pdf.length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ name: "pdfme-generator", documents: docs.length, seconds, per_second: docs.length / seconds, kib_per_document: bytes / 1024 / docs.length }));
