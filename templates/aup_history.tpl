{{%AUTOESCAPE context="HTML"}}<h1>My signatures</h1>
{{#not_signatures}}<p class="notice">You have not signed any agreement yet. <a href="/aup">See what needs your signature</a>.</p>{{/not_signatures}}
{{#has_signatures}}<div class="table-scroll" tabindex="0">
<table class="data">
<caption>Every agreement you have signed, newest first</caption>
<thead><tr><th scope="col">Policy</th><th scope="col">Version</th><th scope="col">Signed at (UK time)</th><th scope="col">Still current</th><th scope="col">Record</th></tr></thead>
<tbody>{{/has_signatures}}
{{#signatures}}<tr><th scope="row"><a href="/aup/{{version_id}}">{{title}}</a></th><td class="num">{{version}}</td><td><time datetime="{{signed_at}}">{{signed_at:x-uk-time}}</time>{{#again}} (signed again for the year){{/again}}</td><td>{{#current}}Yes{{/current}}{{#not_current}}No: a newer version replaced it{{/not_current}}</td><td><a href="/aup/{{version_id}}/record">Printable record</a></td></tr>
{{/signatures}}
{{#has_signatures}}</tbody>
</table>
</div>{{/has_signatures}}
<p><a href="/aup">Back to agreements</a></p>
