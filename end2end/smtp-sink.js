// A local SMTP sink for the end-to-end tests: accepts every message on SMTP_PORT and serves
// what it received as JSON on HTTP_PORT (GET /messages). Loopback only; started by Playwright.
const net = require("node:net");
const http = require("node:http");

const smtpPort = Number(process.env.SMTP_PORT ?? 2525);
const httpPort = Number(process.env.HTTP_PORT ?? 2526);
const messages = [];

net
  .createServer((socket) => {
    let buffer = "";
    let inData = false;
    let message = "";
    socket.write("220 ogpnm-e2e-sink ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let index;
      while ((index = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            messages.push(message);
            message = "";
            socket.write("250 queued\r\n");
          } else {
            message += (line.startsWith(".") ? line.slice(1) : line) + "\n";
          }
          continue;
        }
        const verb = line.split(" ")[0].toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-ogpnm-e2e-sink\r\n250 8BITMIME\r\n");
        else if (verb === "DATA") { inData = true; socket.write("354 go ahead\r\n"); }
        else if (verb === "QUIT") { socket.end("221 bye\r\n"); }
        else socket.write("250 ok\r\n");
      }
    });
    socket.on("error", () => {});
  })
  .listen(smtpPort, "127.0.0.1");

http
  .createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(req.url === "/messages" ? messages : { status: "ok" }));
  })
  .listen(httpPort, "127.0.0.1");
