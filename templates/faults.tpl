{{%AUTOESCAPE context="HTML"}}<h1>Report a fault</h1>
<p class="lead">Report any damage or fault in school equipment or software, however it happened: an accident, wear and tear, something you did, or you do not know. The network manager deals with it, and you see here what was done.</p>
<form class="stack card" method="post" action="/faults">
<h2>What is the fault?</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_equipment}} has-error{{/err_equipment}}"><label for="f-equipment">Equipment or software</label>
<p class="hint" id="h-equipment">For example "the projector", "laptop 3 from the trolley" or "the reading app".</p>
{{#err_equipment}}<p class="field-error" id="e-equipment">{{err_equipment}}</p>{{/err_equipment}}
<input id="f-equipment" name="equipment" type="text" required maxlength="200" value="{{form_equipment}}" aria-describedby="h-equipment{{#err_equipment}} e-equipment{{/err_equipment}}"{{#err_equipment}} aria-invalid="true"{{/err_equipment}}></div>
<div class="field{{#err_location}} has-error{{/err_location}}"><label for="f-location">Room or place (optional)</label>
{{#err_location}}<p class="field-error" id="e-location">{{err_location}}</p>{{/err_location}}
<input id="f-location" name="location" type="text" maxlength="200" value="{{form_location}}"{{#err_location}} aria-describedby="e-location" aria-invalid="true"{{/err_location}}></div>
<div class="field{{#err_problem}} has-error{{/err_problem}}"><label for="f-problem">What is wrong</label>
{{#err_problem}}<p class="field-error" id="e-problem">{{err_problem}}</p>{{/err_problem}}
<textarea id="f-problem" name="problem" rows="3" required maxlength="2000"{{#err_problem}} aria-describedby="e-problem" aria-invalid="true"{{/err_problem}}>&#10;{{form_problem:pre_escape}}</textarea></div>
<div class="field{{#err_cause}} has-error{{/err_cause}}"><label for="f-cause">How it happened (optional)</label>
<p class="hint" id="h-cause">If you know. Report the fault whatever the cause: nobody needs to know how it happened before it is fixed.</p>
{{#err_cause}}<p class="field-error" id="e-cause">{{err_cause}}</p>{{/err_cause}}
<textarea id="f-cause" name="cause" rows="2" maxlength="2000" aria-describedby="h-cause{{#err_cause}} e-cause{{/err_cause}}"{{#err_cause}} aria-invalid="true"{{/err_cause}}>&#10;{{form_cause:pre_escape}}</textarea></div>
<fieldset id="f-stops_work" class="field{{#err_stops_work}} has-error{{/err_stops_work}}"{{#err_stops_work}} aria-describedby="e-stops_work"{{/err_stops_work}}><legend>Does it stop you working?</legend>
{{#err_stops_work}}<p class="field-error" id="e-stops_work">{{err_stops_work}}</p>{{/err_stops_work}}
<label class="checkbox" for="f-stops_work-yes"><input type="radio" id="f-stops_work-yes" name="stops_work" value="yes"{{#chose_stops_work_yes}} checked{{/chose_stops_work_yes}}> Yes: I cannot do my work until it is fixed</label>
<label class="checkbox" for="f-stops_work-no"><input type="radio" id="f-stops_work-no" name="stops_work" value="no"{{#chose_stops_work_no}} checked{{/chose_stops_work_no}}> No</label>
</fieldset>
<div class="actions"><button class="btn" type="submit">Report the fault</button></div>
</form>
{{#may_read}}<section aria-labelledby="h-to-deal">
<h2 id="h-to-deal">Faults to deal with</h2>
{{#not_to_deal}}<p class="muted">No fault is waiting.</p>{{/not_to_deal}}
{{#has_to_deal}}<div class="table-scroll" tabindex="0"><table class="data"><caption>Those that stop someone working first, then the newest</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Fault</th><th scope="col">Reported by</th><th scope="col">Stops them working</th></tr></thead><tbody>{{/has_to_deal}}
{{#to_deal}}<tr><th scope="row"><a href="/faults/{{id}}">{{reference}}</a></th><td><strong>{{equipment}}</strong>{{#location}}, {{location}}{{/location}}<br><span class="multiline">{{problem:pre_escape}}</span></td><td>{{reported_by}}, <time datetime="{{reported_at}}">{{reported_at:x-uk-time}}</time></td><td>{{#stops_work}}<span class="badge status-urgent">Yes</span>{{/stops_work}}{{#not_stops_work}}No{{/not_stops_work}}</td></tr>
{{/to_deal}}
{{#has_to_deal}}</tbody></table></div>{{/has_to_deal}}
</section>
<section aria-labelledby="h-dealt">
<h2 id="h-dealt">Dealt with recently</h2>
{{#not_dealt}}<p class="muted">No fault has been dealt with yet.</p>{{/not_dealt}}
{{#has_dealt}}<div class="table-scroll" tabindex="0"><table class="data"><caption>The latest 50, most recently dealt with first</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Fault</th><th scope="col">Reported by</th><th scope="col">Outcome</th></tr></thead><tbody>{{/has_dealt}}
{{#dealt}}<tr><th scope="row"><a href="/faults/{{id}}">{{reference}}</a></th><td><strong>{{equipment}}</strong>{{#location}}, {{location}}{{/location}}</td><td>{{reported_by}}, <time datetime="{{reported_at}}">{{reported_at:x-uk-time}}</time></td><td><span class="badge status-ok">{{outcome_label}}</span> by {{dealt_by}}, <time datetime="{{dealt_at}}">{{dealt_at:x-uk-time}}</time></td></tr>
{{/dealt}}
{{#has_dealt}}</tbody></table></div>{{/has_dealt}}
</section>{{/may_read}}
<section aria-labelledby="h-mine">
<h2 id="h-mine">My reports</h2>
{{#not_mine}}<p class="muted">You have not reported a fault.</p>{{/not_mine}}
{{#has_mine}}<div class="table-scroll" tabindex="0"><table class="data"><caption>Your reports, newest first</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Fault</th><th scope="col">Reported</th><th scope="col">What was done</th></tr></thead><tbody>{{/has_mine}}
{{#mine}}<tr><th scope="row"><a href="/faults/{{id}}">{{reference}}</a></th><td><strong>{{equipment}}</strong>{{#location}}, {{location}}{{/location}}</td><td><time datetime="{{reported_at}}">{{reported_at:x-uk-time}}</time></td><td>{{#open}}<span class="badge status-pending">{{outcome_label}}</span>{{/open}}{{#not_open}}<span class="badge status-ok">{{outcome_label}}</span> by {{dealt_by}}, <time datetime="{{dealt_at}}">{{dealt_at:x-uk-time}}</time>{{/not_open}}</td></tr>
{{/mine}}
{{#has_mine}}</tbody></table></div>{{/has_mine}}
</section>
