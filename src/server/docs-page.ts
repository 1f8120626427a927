/** A self-contained, human-readable API reference rendered from /api/openapi.json (no CDN). */
export const DOCS_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>jixiao API 文档</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;margin:0 auto;max-width:1000px;padding:1em 2em;color:#222}
h1{font-size:1.5em}h2{border-bottom:1px solid #ddd;margin-top:2em}
.op{border:1px solid #e3e3e3;border-radius:6px;margin:.6em 0;padding:.4em .8em}
.m{display:inline-block;min-width:4.5em;font-weight:bold;text-transform:uppercase}
.get{color:#1769aa}.post{color:#2e7d32}.put{color:#b26a00}.patch{color:#6a1b9a}.delete{color:#c62828}
code,pre{font-family:ui-monospace,monospace;font-size:12px}pre{background:#f7f7f7;padding:.5em;overflow:auto;max-height:20em}
details summary{cursor:pointer}
</style></head><body>
<h1>jixiao（绩效）API</h1>
<p>JSON API。登录后使用 Cookie 会话；所有修改请求须带 <code>x-csrf-token</code> 头（值见登录响应或 <code>jixiao_csrf</code> Cookie）。
机器可读文档：<a href="/api/openapi.json">/api/openapi.json</a>。</p>
<div id="ops">加载中…</div>
<script>
fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
  const byTag={};
  for(const [p,item] of Object.entries(doc.paths||{}))for(const [m,op] of Object.entries(item)){
    const t=(op.tags&&op.tags[0])||'other';(byTag[t]=byTag[t]||[]).push({p,m,op});}
  const esc=s=>String(s).replace(/[&<>]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;'}[c]));
  let h='';
  for(const [t,ops] of Object.entries(byTag)){h+='<h2>'+esc(t)+'</h2>';
    for(const {p,m,op} of ops){
      const params=(op.parameters||[]).map(x=>'<code>'+esc(x.name)+'</code> ('+x.in+')').join(', ');
      const body=op.requestBody?JSON.stringify(op.requestBody.content,null,1):'';
      const res=Object.entries(op.responses||{}).map(([k,v])=>k+' '+esc(v.description||'')).join('；');
      h+='<div class="op"><span class="m '+m+'">'+m+'</span><code>'+esc(p)+'</code> — '+esc(op.summary||'')+
        (op.description?'<div>'+esc(op.description)+'</div>':'')+
        (params?'<div>参数：'+params+'</div>':'')+'<div>响应：'+res+'</div>'+
        (body?'<details><summary>请求体</summary><pre>'+esc(body)+'</pre></details>':'')+'</div>';}}
  h+='<h2>schemas</h2><details><summary>components</summary><pre>'+esc(JSON.stringify(doc.components,null,1))+'</pre></details>';
  document.getElementById('ops').innerHTML=h;
});
</script></body></html>`;

export const LANDING_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>jixiao 财政项目支出绩效自评</title>
<style>body{font:16px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;max-width:720px;margin:3em auto;padding:0 1em}</style></head>
<body><h1>jixiao（绩效）</h1>
<p>财政项目支出绩效自评表：填报、校验、评分、审核与公开。</p>
<p>网页界面尚未构建。可使用 JSON API：<a href="/api/docs">API 文档</a> · <a href="/api/openapi.json">OpenAPI</a>。</p>
</body></html>`;
