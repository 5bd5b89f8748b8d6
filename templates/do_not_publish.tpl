{{%AUTOESCAPE context="HTML"}}<h1>The do-not-publish list</h1>
<p class="lead">Check every photo or video for a school account against both parts of this list before you send it for sign-off: the pupils whose pictures must not be published, and the adults who have asked not to be filmed or photographed. Do not copy the list anywhere else.</p>
<section aria-labelledby="h-pupils">
<h2 id="h-pupils">Pupils whose pictures must not be published</h2>
{{#not_pupils}}<p class="notice">No pupil is on the list.</p>{{/not_pupils}}
{{#has_pupils}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>Pupils on the do-not-publish list</caption>
<thead><tr><th scope="col">Pupil</th><th scope="col">Class</th><th scope="col">Note</th><th scope="col">Added</th>{{#may_keep}}<th scope="col">Take off</th>{{/may_keep}}</tr></thead>
<tbody>{{/has_pupils}}
{{#pupils}}<tr><th scope="row">{{pupil_name}}</th><td>{{class_name}}</td><td>{{#note}}{{note}}{{/note}}{{#not_note}}None{{/not_note}}</td><td>{{added_by}}, <time datetime="{{added_at}}">{{added_at:x-uk-time}}</time></td>{{#may_remove}}<td><form method="post" action="/accounts/do-not-publish/{{id}}/remove"><input type="hidden" name="csrf" value="{{csrf}}"><button class="btn secondary" type="submit">Take {{pupil_name}} off the list</button></form></td>{{/may_remove}}</tr>
{{/pupils}}
{{#has_pupils}}</tbody></table></div>{{/has_pupils}}
{{#may_keep}}<form class="stack card" method="post" action="/accounts/do-not-publish">
<h3>Add a pupil</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_pupil_name}} has-error{{/err_pupil_name}}"><label for="f-pupil_name">Pupil's name</label>
{{#err_pupil_name}}<p class="field-error" id="e-pupil_name">{{err_pupil_name}}</p>{{/err_pupil_name}}
<input id="f-pupil_name" name="pupil_name" type="text" maxlength="120" required value="{{form_pupil_name}}"{{#err_pupil_name}} aria-describedby="e-pupil_name" aria-invalid="true"{{/err_pupil_name}}></div>
<div class="field{{#err_class_name}} has-error{{/err_class_name}}"><label for="f-class_name">Class</label>
{{#err_class_name}}<p class="field-error" id="e-class_name">{{err_class_name}}</p>{{/err_class_name}}
<input id="f-class_name" name="class_name" type="text" maxlength="60" required value="{{form_class_name}}"{{#err_class_name}} aria-describedby="e-class_name" aria-invalid="true"{{/err_class_name}}></div>
<div class="field{{#err_note}} has-error{{/err_note}}"><label for="f-note">Note (optional)</label>
{{#err_note}}<p class="field-error" id="e-note">{{err_note}}</p>{{/err_note}}
<input id="f-note" name="note" type="text" maxlength="300" value="{{form_note}}"{{#err_note}} aria-describedby="e-note" aria-invalid="true"{{/err_note}}></div>
<div class="actions"><button class="btn" type="submit">Add to the list</button></div>
</form>{{/may_keep}}
</section>
<section aria-labelledby="h-adults">
<h2 id="h-adults">Adults who have asked not to be filmed or photographed</h2>
<p>Members of staff ask for themselves, and withdraw it themselves, on <a href="/account/photos">Photos and video of you</a>. Anyone else (a parent, a visitor, a governor, a volunteer) tells the administrator or the safeguarding lead, who adds them here.</p>
{{#not_adults}}<p class="notice">No adult is on the list.</p>{{/not_adults}}
{{#has_adults}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>Adults on the do-not-publish list</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Note</th><th scope="col">Asked</th>{{#may_keep}}<th scope="col">Take off</th>{{/may_keep}}</tr></thead>
<tbody>{{/has_adults}}
{{#adults}}<tr><th scope="row">{{name}}</th><td>{{#own}}Member of staff, asked for themselves{{/own}}{{#not_own}}{{#note}}{{note}}{{/note}}{{#not_note}}None{{/not_note}}{{/not_own}}</td><td>{{#not_own}}{{added_by}}, {{/not_own}}<time datetime="{{added_at}}">{{added_at:x-uk-time}}</time></td>{{#may_remove}}<td><form method="post" action="/accounts/do-not-publish/adults/{{id}}/remove"><input type="hidden" name="csrf" value="{{csrf}}"><button class="btn secondary" type="submit">Take {{name}} off the list</button></form></td>{{/may_remove}}{{#only_they}}<td>Only they can withdraw it</td>{{/only_they}}</tr>
{{/adults}}
{{#has_adults}}</tbody></table></div>{{/has_adults}}
{{#may_keep}}<form class="stack card" method="post" action="/accounts/do-not-publish/adults">
<h3>Add an adult</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_adult_name}} has-error{{/err_adult_name}}"><label for="f-adult_name">Their name</label>
{{#err_adult_name}}<p class="field-error" id="e-adult_name">{{err_adult_name}}</p>{{/err_adult_name}}
<input id="f-adult_name" name="adult_name" type="text" maxlength="120" required value="{{form_adult_name}}"{{#err_adult_name}} aria-describedby="e-adult_name" aria-invalid="true"{{/err_adult_name}}></div>
<div class="field{{#err_adult_note}} has-error{{/err_adult_note}}"><label for="f-adult_note">Who they are, or a note (optional)</label>
<p class="hint" id="h-adult_note">For example: a parent of a pupil in 4B, a visiting speaker, a governor.</p>
{{#err_adult_note}}<p class="field-error" id="e-adult_note">{{err_adult_note}}</p>{{/err_adult_note}}
<input id="f-adult_note" name="adult_note" type="text" maxlength="300" value="{{form_adult_note}}" aria-describedby="h-adult_note{{#err_adult_note}} e-adult_note{{/err_adult_note}}"{{#err_adult_note}} aria-invalid="true"{{/err_adult_note}}></div>
<div class="actions"><button class="btn" type="submit">Add to the list</button></div>
</form>{{/may_keep}}
</section>
{{#may_keep}}<section aria-labelledby="h-taken-off">
<h2 id="h-taken-off">Taken off the list</h2>
<p>What was on the list is kept after it is taken off, with who added it and who took it off, as a record of whose wishes stood and for how long. Each entry is kept until the date shown: on that day the retention review lists it for deletion (a legal hold keeps it longer). Do not use these entries to check a photo: only the list above counts.</p>
<h3 id="h-pupils-off">Pupils</h3>
{{#not_taken_off}}<p class="notice">No pupil taken off the list is still kept.</p>{{/not_taken_off}}
{{#has_taken_off}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>Pupils taken off the do-not-publish list, and until when each is kept</caption>
<thead><tr><th scope="col">Pupil</th><th scope="col">Class</th><th scope="col">Note</th><th scope="col">Added</th><th scope="col">Taken off</th><th scope="col">Kept until</th></tr></thead>
<tbody>{{/has_taken_off}}
{{#taken_off}}<tr><th scope="row">{{pupil_name}}</th><td>{{class_name}}</td><td>{{#note}}{{note}}{{/note}}{{#not_note}}None{{/not_note}}</td><td>{{added_by}}, <time datetime="{{added_at}}">{{added_at:x-uk-time}}</time></td><td>{{removed_by}}, <time datetime="{{removed_at}}">{{removed_at:x-uk-time}}</time></td><td><time datetime="{{kept_until}}">{{kept_until:x-uk-time}}</time>{{#listed}}; listed for the retention review now{{/listed}}{{#held}}; a legal hold keeps it longer{{/held}}</td></tr>
{{/taken_off}}
{{#has_taken_off}}</tbody></table></div>{{/has_taken_off}}
<h3 id="h-adults-off">Adults</h3>
{{#not_adults_taken_off}}<p class="notice">No adult taken off the list is still kept.</p>{{/not_adults_taken_off}}
{{#has_adults_taken_off}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>Adults taken off the list of those not to be filmed or photographed, and until when each is kept</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Note</th><th scope="col">Asked</th><th scope="col">Taken off</th><th scope="col">Kept until</th></tr></thead>
<tbody>{{/has_adults_taken_off}}
{{#adults_taken_off}}<tr><th scope="row">{{name}}</th><td>{{#own}}Member of staff, asked for themselves{{/own}}{{#not_own}}{{#note}}{{note}}{{/note}}{{#not_note}}None{{/not_note}}{{/not_own}}</td><td>{{#not_own}}{{added_by}}, {{/not_own}}<time datetime="{{added_at}}">{{added_at:x-uk-time}}</time></td><td>{{#removed_at}}{{#own}}Withdrawn by themselves{{/own}}{{#not_own}}{{removed_by}}{{/not_own}}, <time datetime="{{removed_at}}">{{removed_at:x-uk-time}}</time>{{/removed_at}}{{#not_removed_at}}Still asked when they left the school, <time datetime="{{left_on}}">{{left_on:x-uk-time}}</time>{{/not_removed_at}}</td><td><time datetime="{{kept_until}}">{{kept_until:x-uk-time}}</time>{{#listed}}; listed for the retention review now{{/listed}}{{#held}}; a legal hold keeps it longer{{/held}}</td></tr>
{{/adults_taken_off}}
{{#has_adults_taken_off}}</tbody></table></div>{{/has_adults_taken_off}}
</section>{{/may_keep}}
<p><a href="/accounts">Back to the register</a></p>
